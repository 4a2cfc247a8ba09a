from django.contrib import admin

from samverka.orgs import models


class SeatInline(admin.TabularInline):
    model = models.Seat
    extra = 0


class PopulationInline(admin.TabularInline):
    model = models.Population
    extra = 0


@admin.register(models.Federation)
class FederationAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(models.Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")


@admin.register(models.Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality_code")
    inlines = [PopulationInline]


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "manager_name")


@admin.register(models.PlanningPeriod)
class PlanningPeriodAdmin(admin.ModelAdmin):
    list_display = ("year", "status", "revision", "decision")
    # Status moves only through adoption and revision (samverka.orgs.periods), never by hand.
    readonly_fields = ("status", "revision", "decision", "adopted_on")


@admin.register(models.GoverningBody)
class GoverningBodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_decision_making", "prepares_for")
    inlines = [SeatInline]


@admin.register(models.Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "holder_name")


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit")
