from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "capuy.conferences"
    verbose_name = "Hội nghị"
