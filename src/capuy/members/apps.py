from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "capuy.members"
    verbose_name = "Đảng viên"
