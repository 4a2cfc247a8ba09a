from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverka.budget.computations import change, load_budget, personnel_cost_from_salaries
from samverka.budget.models import LineKind
from samverka.budget.queries import federation_totals, unit_totals
from samverka.budget.testing import make_line
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod, Unit

pytestmark = pytest.mark.django_db

amounts = st.integers(min_value=-(10**9), max_value=10**9).map(Decimal)
line = st.tuples(st.sampled_from(LineKind.values), amounts)
federation_budget = st.lists(st.lists(line, max_size=6), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget=federation_budget)
def test_the_consolidation_is_the_sum_of_the_units_for_any_budget(budget):
    # Each example is rolled back: an installation holds one federation.
    with transaction.atomic():
        _check_consolidation(budget)
        transaction.set_rollback(True)


def _check_consolidation(budget):
    federation = testing.make_federation()
    period = testing.make_period(federation, 2030)
    units = []
    for n, lines in enumerate(budget):
        unit = testing.make_unit(
            federation, kind=Unit.Kind.OFFICE if n == 0 else Unit.Kind.DEVELOPMENT_AREA
        )
        units.append(unit)
        for i, (kind, amount) in enumerate(lines):
            make_line(period, unit, kind, amount, code=f"r{i}")
    result = load_budget(period)
    consolidated = result.consolidated
    for kind in LineKind.values:
        expected = sum((a for lines in budget for k, a in lines if k == kind), Decimal(0))
        assert consolidated.get(kind) == expected
    assert consolidated.result == sum((a for lines in budget for _k, a in lines), Decimal(0))
    assert consolidated.result == sum((t.result for t in result.units), Decimal(0))
    assert consolidated.overhead_net == sum(
        (
            a
            for lines in budget
            for k, a in lines
            if k in (LineKind.OVERHEAD_COSTS, LineKind.OVERHEAD_INCOME)
        ),
        Decimal(0),
    )
    totals = federation_totals(period)
    assert totals["result"] == consolidated.result
    assert sum(unit_totals(period, u)["result"] for u in units) == consolidated.result


def test_the_seeded_units_consolidate_to_the_printed_revenue_and_personnel():
    load_skaraborg()
    cons = load_budget(PlanningPeriod.objects.get(year=2026)).consolidated
    assert cons.revenue == Decimal("64295000")
    assert cons.personnel == Decimal("-42114000")
    # Overhead netted: 5 774 000 - 5 607 000.
    assert cons.overhead_net == Decimal("167000")


def test_year_over_year_change_in_kronor_and_percent():
    load_skaraborg()
    this = federation_totals(PlanningPeriod.objects.get(year=2026))
    prev = federation_totals(PlanningPeriod.objects.get(year=2025))
    # Revenue 64 295 000 against 60 487 000: +3 808 000 kr, +6,3 %.
    assert change(this["revenue"], prev["revenue"]) == (Decimal("3808000"), Decimal("6.3"))
    assert change(Decimal(1), Decimal(0)) == (Decimal(1), None)


def test_unit_totals_gives_the_ledger_and_the_portfolio_one_units_budget():
    load_skaraborg()
    totals = unit_totals(
        PlanningPeriod.objects.get(year=2026), Unit.objects.get(code="projektenhet")
    )
    assert totals["revenue"] == Decimal("16398000")
    assert totals["personnel"] == Decimal("-8768000")
    assert totals["overhead"] == Decimal("-1396000")
    assert totals["result"] == Decimal("0")
    assert totals["by_kind"][LineKind.OTHER_COSTS] == Decimal("-6234000")


def test_payroll_overhead_turns_salaries_into_the_personnel_cost():
    # 2026: 42,65 %; 2025: 41,40 %.
    assert personnel_cost_from_salaries(Decimal("1000000"), Decimal("42.65")) == Decimal("-1426500")
    assert personnel_cost_from_salaries(Decimal("1000000"), Decimal("41.40")) == Decimal("-1414000")
