from django.contrib import admin

from samverka.budget.models import (
    Assumptions,
    BalanceSheet,
    BudgetLine,
    FeeAllocation,
    FeeModel,
    StatedFigure,
)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["period", "unit", "code", "kind", "label", "amount"]
    list_filter = ["period", "unit", "kind"]


@admin.register(StatedFigure)
class StatedFigureAdmin(admin.ModelAdmin):
    list_display = ["period", "unit", "figure", "amount"]
    list_filter = ["period", "unit"]


admin.site.register([Assumptions, FeeModel, FeeAllocation, BalanceSheet])
