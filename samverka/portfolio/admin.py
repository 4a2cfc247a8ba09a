from django.contrib import admin

from samverka.portfolio import models


class ProjectYearInline(admin.TabularInline):
    model = models.ProjectYear
    extra = 0


class FinancingInline(admin.TabularInline):
    model = models.Financing
    extra = 0


@admin.register(models.Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "full_name", "kind")


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "status", "start", "end", "owning_unit")
    list_filter = ("status", "owning_unit")
    filter_horizontal = ("decisions", "funders", "managers")
    inlines = [ProjectYearInline, FinancingInline]
