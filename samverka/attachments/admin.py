from django.contrib import admin

from samverka.attachments.models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    """For looking up; files are uploaded and removed on the pages they belong to."""

    list_display = ("title", "kind", "reference_number", "original_name", "size", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("title", "reference_number", "original_name", "sha256")
    readonly_fields = [f.name for f in Attachment._meta.concrete_fields if f.name != "id"]

    def has_add_permission(self, request) -> bool:
        return False
