from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "capuy.conferences"
    verbose_name = "Hội nghị"

    def ready(self):
        from capuy.conferences import actions, live  # noqa: F401 - actions: registers them
        from capuy.conferences.models import Conference
        from capuy.core import health, references

        references.register(Conference, lambda user: Conference.objects.visible_to(user), "hội nghị")
        health.register("live", live.health)
