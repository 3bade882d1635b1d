from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "capuy.core"
    verbose_name = "Dùng chung"

    def ready(self):
        from capuy.core.history import track_models

        track_models()
