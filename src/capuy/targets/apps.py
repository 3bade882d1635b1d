from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "capuy.targets"
    verbose_name = "Chỉ tiêu và kết quả"
