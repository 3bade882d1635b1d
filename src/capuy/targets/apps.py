from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "capuy.targets"
    verbose_name = "Chỉ tiêu và kết quả"

    def ready(self):
        from capuy.targets import actions  # noqa: F401 - registers the actions
