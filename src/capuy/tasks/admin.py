from django.contrib import admin

from capuy.tasks.models import Registration, RegistrationYear, TaskStatus


@admin.register(TaskStatus)
class TaskStatusAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "progress", "requires_reason", "order"]
    list_editable = ["order"]


@admin.register(RegistrationYear)
class RegistrationYearAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "deadline", "approved_on"]
    list_filter = ["year"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "year", "state", "level"]
    list_filter = ["year", "state", "level"]
    raw_id_fields = ["person", "organization"]
