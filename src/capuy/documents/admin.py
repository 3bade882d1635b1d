from django.contrib import admin

from capuy.documents.models import Attachment, Document, DocumentType, NumberCounter, StudyAssignment


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["symbol", "name", "order"]
    list_editable = ["order"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "kind", "size", "uploaded_by", "uploaded_at"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "issued_on", "secrecy", "status"]
    list_filter = ["status", "secrecy", "doc_type"]
    search_fields = ["title", "search_text"]
    readonly_fields = ["number", "sequence_key", "status", "term"]
    raw_id_fields = ["organization", "body", "signer", "replaces", "created_by"]
    inlines = [AttachmentInline]


@admin.register(NumberCounter)
class NumberCounterAdmin(admin.ModelAdmin):
    list_display = ["organization", "term", "sequence_key", "last_number"]
    readonly_fields = ["organization", "term", "sequence_key", "scope", "last_number"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # numbers are never reused


@admin.register(StudyAssignment)
class StudyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["document", "kind", "deadline"]
    raw_id_fields = ["document"]
