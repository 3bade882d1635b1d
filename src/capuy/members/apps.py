from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "capuy.members"
    verbose_name = "Đảng viên"

    def ready(self):
        from capuy.members import actions  # noqa: F401 - registers the actions
