from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "capuy.tasks"
    verbose_name = "Nhiệm vụ"
