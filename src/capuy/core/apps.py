from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "capuy.core"
    verbose_name = "Dùng chung"
