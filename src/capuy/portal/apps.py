from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "capuy.portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from capuy.portal import signals  # noqa: F401
