from django.contrib import admin

from samverka.ledger.models import (
    AccountRange,
    CostCentreMapping,
    ImportBatch,
    ManualForecast,
    VarianceComment,
)


@admin.register(AccountRange)
class AccountRangeAdmin(admin.ModelAdmin):
    list_display = ["first", "last", "line_kind", "federation", "note"]
    list_filter = ["federation", "line_kind"]


@admin.register(CostCentreMapping)
class CostCentreMappingAdmin(admin.ModelAdmin):
    list_display = ["dimension", "object_code", "unit", "federation"]
    list_filter = ["federation", "dimension", "unit"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["period", "file_name", "status", "imported_at", "imported_by"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]


admin.site.register(VarianceComment)
admin.site.register(ManualForecast)
