from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "capuy.portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from capuy.core import views as core_views
        from capuy.portal import (
            actions,  # noqa: F401 - registers the actions
            signals,  # noqa: F401
        )
        from capuy.portal.views import home

        core_views.public_home = home
