from django.contrib import admin

from samverka.opendata import models


class ReadOnly(admin.ModelAdmin):
    """What was published is shown, never added, changed or deleted here: publishing happens
    on adoption (or `samverka publish-open-data`)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Publication)
class PublicationAdmin(ReadOnly):
    list_display = ("period", "revision", "adopted_on", "licence", "published_at")


@admin.register(models.PublishedDataset)
class PublishedDatasetAdmin(ReadOnly):
    list_display = ("publication", "key", "title", "rows", "json_sha256")
    exclude = ("json_text", "csv_text")
