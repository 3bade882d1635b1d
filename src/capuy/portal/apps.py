from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "capuy.portal"
    verbose_name = "Cổng thông tin"
