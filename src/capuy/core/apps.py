from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "capuy.core"
    verbose_name = "Dùng chung"

    def ready(self):
        from django.db.models.signals import post_migrate

        from capuy.core.history import track_models
        from capuy.core.search import ensure_sqlite_triggers

        track_models()
        post_migrate.connect(ensure_sqlite_triggers, dispatch_uid="capuy.core.search.triggers")
