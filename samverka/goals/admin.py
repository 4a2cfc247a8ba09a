from django.contrib import admin

from samverka.goals import models


class KoladaMappingInline(admin.StackedInline):
    model = models.KoladaMapping
    extra = 0


class ScbMappingInline(admin.StackedInline):
    model = models.ScbMapping
    extra = 0


class SurveyQuestionInline(admin.StackedInline):
    model = models.SurveyQuestion
    extra = 0


class TargetValueInline(admin.TabularInline):
    model = models.TargetValue
    extra = 0


@admin.register(models.Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("number", "name")
    filter_horizontal = ("strategies",)


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "goal", "source_kind", "aggregation", "baseline_year")
    list_filter = ("goal", "source_kind")
    inlines = [KoladaMappingInline, ScbMappingInline, SurveyQuestionInline, TargetValueInline]


@admin.register(models.KoladaMapping)
class KoladaMappingAdmin(admin.ModelAdmin):
    list_display = ("indicator", "kpi_id", "expected_title", "certainty")
    list_filter = ("certainty",)


@admin.register(models.Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "member", "value", "origin", "fetched_at")
    list_filter = ("indicator", "origin", "year")


@admin.register(models.FetchRun)
class FetchRunAdmin(admin.ModelAdmin):
    list_display = ("service", "started_at", "status", "stored")
    list_filter = ("service", "status")


@admin.register(models.FinancialTarget)
class FinancialTargetAdmin(admin.ModelAdmin):
    list_display = ("period", "number", "name", "measure", "fee_share", "target_value", "unit")
