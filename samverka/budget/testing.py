"""Factories for budget tests (plain functions)."""

from decimal import Decimal

from samverka.budget.models import KIND_ORDER, BudgetLine, LineKind, StatedFigure
from samverka.orgs.models import PlanningPeriod, Unit


def make_line(
    period: PlanningPeriod,
    unit: Unit | None,
    kind: str = LineKind.OTHER_COSTS,
    amount: Decimal | int = 0,
    code: str | None = None,
    **kwargs,
) -> BudgetLine:
    code = code or f"{kind.replace('_', '-')}-{BudgetLine.objects.count() + 1}"
    defaults = {"label": str(LineKind(kind).label), "sort_order": KIND_ORDER[kind]}
    return BudgetLine.objects.create(
        period=period,
        unit=unit,
        kind=kind,
        amount=Decimal(amount),
        code=code,
        **(defaults | kwargs),
    )


def make_stated(period, unit, figure: str, amount) -> StatedFigure:
    return StatedFigure.objects.create(
        period=period, unit=unit, figure=figure, amount=Decimal(amount)
    )
