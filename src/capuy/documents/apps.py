from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search(sender, using="default", **kwargs):
    from capuy.documents import search

    search.ensure_installed(using)


class DocumentsConfig(AppConfig):
    name = "capuy.documents"
    verbose_name = "Văn bản"

    def ready(self):
        post_migrate.connect(_ensure_search, sender=self)
        from capuy.core import references
        from capuy.documents import library
        from capuy.documents.models import Document

        references.register(Document, library.visible_documents, "văn bản")
        from capuy.documents import actions  # noqa: F401 - registers the actions
