from decimal import Decimal

import pytest

from samverka.audit.models import LogEntry
from samverka.budget.computations import load_budget
from samverka.budget.models import Assumptions, BudgetLine, FeeModel, LineKind, StatedFigure
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db


def _line(year, unit_code, code):
    return BudgetLine.objects.get(period__year=year, unit__code=unit_code, code=code).amount


def test_it_loads_every_table_for_both_years_exactly_as_printed():
    load_skaraborg()
    assert _line(2026, "kunskapsutveckling", "oh-kostnader") == Decimal("-941000")
    assert _line(2025, "valfardsutveckling", "personal") == Decimal("-6694000")
    total = BudgetLine.objects.get(period__year=2026, unit=None, code="intakter")
    assert total.amount == Decimal("64295000")
    assert total.kind == LineKind.REVENUE_AS_PRINTED
    assert "s. 9" in total.source
    for year in (2025, 2026):
        assert (
            BudgetLine.objects.filter(period__year=year, unit__isnull=False)
            .values("unit")
            .distinct()
            .count()
            == 6
        )


def test_the_office_keeps_its_2025_layout_with_the_overhead_income_on_both_sides():
    load_skaraborg()
    assert _line(2025, "forbundskansli", "intakter") == Decimal("13300000")
    assert _line(2025, "forbundskansli", "varav-oh-intakt") == Decimal("-6254000")
    assert _line(2025, "forbundskansli", "oh-intakt") == Decimal("6254000")
    assert _line(2026, "forbundskansli", "oh-intakt") == Decimal("5774000")
    stated = StatedFigure.objects.get(
        period__year=2025, unit__code="forbundskansli", figure="total_revenue"
    )
    assert stated.amount == Decimal("7046000")
    office = load_budget(PlanningPeriod.objects.get(year=2025)).table_for(stated.unit)
    assert office.gross_revenue == Decimal("13300000")
    assert office.revenue == Decimal("7046000")


def test_it_keeps_the_printed_subtotals_beside_what_is_computed():
    load_skaraborg()
    budget = load_budget(PlanningPeriod.objects.get(year=2026))
    assert budget.total.stated == {
        "total_costs": Decimal("-64110000"),
        "result": Decimal("185000"),
    }
    assert budget.total.personnel == Decimal("-42114000")


def test_it_loads_the_rates_and_the_fee_model_of_the_plan():
    load_skaraborg()
    a26 = Assumptions.objects.get(period__year=2026)
    a25 = Assumptions.objects.get(period__year=2025)
    assert (a26.payroll_overhead_rate, a26.overhead_rate) == (Decimal("42.65"), Decimal("16"))
    assert (a25.payroll_overhead_rate, a25.overhead_rate) == (Decimal("41.40"), Decimal("19"))
    fee = FeeModel.objects.get(period__year=2026)
    assert fee.rate_per_inhabitant == Decimal("50.55")
    assert fee.indexation == Decimal("2.7")
    assert fee.budgeted_income == Decimal("13631000")
    assert not FeeModel.objects.filter(period__year=2025).exists()


def test_loading_twice_changes_nothing_and_the_adopted_2025_stays_adopted():
    load_skaraborg()
    entries = LogEntry.objects.count()
    second = load_skaraborg()
    assert not second.created and not second.findings
    assert LogEntry.objects.count() == entries
    assert PlanningPeriod.objects.get(year=2025).is_locked
