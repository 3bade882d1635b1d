from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "capuy.documents"
    verbose_name = "Văn bản"
