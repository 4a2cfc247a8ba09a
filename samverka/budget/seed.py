"""Seed the 2026 and 2025 operating budgets from samverka/seed/skaraborg/budget.yaml."""

from contextlib import AbstractContextManager, nullcontext

from samverka.budget.loading import as_printed_source
from samverka.budget.models import (
    KIND_ORDER,
    Assumptions,
    BudgetLine,
    FeeModel,
    StatedFigure,
)
from samverka.budget.versions import ensure_snapshot
from samverka.core.seeding import SeedContext
from samverka.lib.money import parse_amount
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.models import PlanningPeriod, Unit


def _rate(value) -> object:
    return parse_amount(str(value))


def load(ctx: SeedContext) -> None:
    data = ctx.read("budget.yaml")
    periods = {p.year: p for p in federation_periods().filter(year__in=data["years"])}
    units = {u.code: u for u in Unit.objects.all()}
    for year, period in periods.items():
        with _writing_figures(period):
            _load_year(ctx, data, year, period, units)
    # The adopted year gets its version as adopted, so that a revision can be compared with it.
    for period in periods.values():
        if period.is_locked:
            ensure_snapshot(period, period.revision)


def _writing_figures(period: PlanningPeriod) -> AbstractContextManager:
    """Write the printed figures into a period the seed adopted and that has none yet.

    The seed creates 2025 as adopted; its budget, as printed, is loaded only on that first
    run. Into a period that has figures, or that a user adopted, nothing is written past the
    lock: what is missing there is reported, not created.
    """
    first_load = period.is_locked and not BudgetLine.objects.filter(period=period).exists()
    return as_printed_source() if first_load else nullcontext()


def _load_year(ctx: SeedContext, data: dict, year: int, period: PlanningPeriod, units) -> None:
    settings = data["years"][year]
    a = settings["assumptions"]
    ctx.ensure(
        Assumptions,
        {"period": period},
        {
            "payroll_overhead_rate": _rate(a["payroll_overhead_rate"]),
            "overhead_rate": _rate(a["overhead_rate"]),
            "overhead_basis": a["overhead_basis"],
            "source": a["source"],
        },
    )
    if fee := settings.get("fee_model"):
        ctx.ensure(
            FeeModel,
            {"period": period},
            {
                "rate_per_inhabitant": _rate(fee["rate_per_inhabitant"]),
                "indexation": _rate(fee["indexation"]),
                "population_reference_date": fee["population_reference_date"],
                "budgeted_income": parse_amount(fee["budgeted_income"]),
                "source": fee["source"],
            },
        )
    for table in data["tables"]:
        unit = units[table["unit"]] if table["unit"] else None
        for line in table["lines"]:
            if year not in line:
                continue
            ctx.ensure(
                BudgetLine,
                {"period": period, "unit": unit, "code": line["code"]},
                {
                    "kind": line["kind"],
                    "label": line["label"],
                    "amount": parse_amount(line[year]),
                    "sort_order": KIND_ORDER[line["kind"]],
                    "source": table["source"],
                },
            )
        for figure, values in table["stated"].items():
            ctx.ensure(
                StatedFigure,
                {"period": period, "unit": unit, "figure": figure},
                {"amount": parse_amount(values[year]), "source": table["source"]},
            )
