from django.contrib import admin

from capuy.core.models import BackgroundJob, OutgoingMail


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "owner__username"]
    readonly_fields = [f.name for f in BackgroundJob._meta.fields]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "recipients", "about"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
