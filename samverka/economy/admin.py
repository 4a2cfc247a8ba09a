from django.contrib import admin

from samverka.economy import models


class AssumptionsInline(admin.TabularInline):
    model = models.ScenarioAssumptions
    extra = 0


@admin.register(models.Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ("name", "period", "is_proposal", "created_by", "created_at")
    inlines = [AssumptionsInline]


admin.site.register(models.PopulationForecast)
admin.site.register(models.PlanYearLine)
