"""The reconciliation reads only the project unit's projects that the budget counts on, in the
portfolio's order, whatever else runs in the year."""

import datetime
from decimal import Decimal

import pytest

from samverka.core import testing
from samverka.portfolio.models import Project
from samverka.portfolio.queries import running_in, unit_running_in
from samverka.portfolio.reconciliation import project_lines, reconcile
from samverka.portfolio.testing import make_project, make_project_unit, set_year_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation():
    federation = testing.make_federation()
    make_project_unit(federation)
    return federation


def test_projects_of_other_units_do_not_count_in_the_project_units_sum(federation):
    other = testing.make_unit(federation)
    set_year_budget(make_project(federation), 2026, 600000)
    set_year_budget(make_project(federation, owning_unit=other), 2026, 1000000)
    assert reconcile(2026, Decimal(600000)) == []
    assert [line.budget.amount for line in project_lines(2026)] == [Decimal(600000)]


def test_the_unit_reads_the_same_projects_in_the_same_order_as_the_whole_portfolio(federation):
    other = testing.make_unit(federation)
    D = datetime.date
    for name, kwargs in [
        ("Östra", {}),
        ("Alfa", {}),
        ("Beta", {"status": Project.Status.APPLICATION, "budgeted_before_answer": True}),
        ("Gamma", {"status": Project.Status.APPLICATION}),
        ("Delta", {"status": Project.Status.CLOSED}),
        ("Epsilon", {"start": D(2027, 1, 1), "end": D(2027, 12, 31)}),
        ("Zeta", {"owning_unit": other}),
    ]:
        make_project(federation, name=name, **kwargs)
    expected = [p for p in running_in(2026) if p.owning_unit.code == "projektenhet"]
    assert unit_running_in(2026, "projektenhet") == expected
    assert [p.name for p in expected] == ["Alfa", "Beta", "Delta", "Östra"]


def test_projects_without_a_budget_are_named_in_the_portfolios_order(federation):
    make_project(federation, name="Beta")
    make_project(federation, name="Alfa")
    [finding, _missing] = reconcile(2026, None)
    assert finding.code == "portfolio.project_budget_unknown"
    assert "Alfa, Beta" in finding.message
