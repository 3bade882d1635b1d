from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "capuy.conferences"
    verbose_name = "Hội nghị"

    def ready(self):
        from capuy.conferences import live
        from capuy.core import health

        health.register("live", live.health)
