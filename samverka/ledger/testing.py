"""Factories for the ledger's tests (plain functions)."""

from decimal import Decimal

from samverka.budget.models import BudgetLine
from samverka.ledger.models import AccountRange, CostCentreMapping

# The business chart BAS, as in the sample files in shared/sie-samples (#KPTYP EUBAS97).
BAS_RANGES = [
    ("30", "39", "other_revenue"),
    ("40", "69", "other_costs"),
    ("70", "76", "personnel"),
    ("77", "79", "other_costs"),
]


def make_ranges(federation, ranges=BAS_RANGES) -> list[AccountRange]:
    return [
        AccountRange.objects.create(federation=federation, first=first, last=last, line_kind=k)
        for first, last, k in ranges
    ]


def map_cost_centre(federation, object_code: str, unit, dimension: str = "1"):
    return CostCentreMapping.objects.create(
        federation=federation, dimension=dimension, object_code=object_code, unit=unit
    )


def make_budget_line(period, unit, kind: str, amount: str | int, code: str | None = None):
    return BudgetLine.objects.create(
        period=period,
        unit=unit,
        code=code or kind.replace("_", "-"),
        kind=kind,
        label=kind,
        amount=Decimal(amount),
    )
