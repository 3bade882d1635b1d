from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "capuy.voting"
    verbose_name = "Biểu quyết và bầu cử"
