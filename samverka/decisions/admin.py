from django.contrib import admin

from samverka.decisions.models import (
    AgendaItem,
    Decision,
    DecisionLink,
    Matter,
    Meeting,
    ReportingObligation,
)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("date", "number", "title", "body")
    search_fields = ("title", "text", "number")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "body", "title")
    list_filter = ("body",)


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ("title", "origin", "code")


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("meeting", "order", "title", "decision")
    filter_horizontal = ("fulfils",)


@admin.register(ReportingObligation)
class ReportingObligationAdmin(admin.ModelAdmin):
    list_display = ("title", "body", "kind", "interval_months", "tracked_from")


@admin.register(DecisionLink)
class DecisionLinkAdmin(admin.ModelAdmin):
    list_display = ("decision", "content_type", "object_id", "label")
