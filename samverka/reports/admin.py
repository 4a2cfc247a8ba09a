from django.contrib import admin

from samverka.reports.models import DocumentVersion


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    """Read only: a stored version is what was adopted and is never edited."""

    list_display = ["filename", "period", "revision", "format", "decision", "size", "created"]
    list_filter = ["period", "format"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
