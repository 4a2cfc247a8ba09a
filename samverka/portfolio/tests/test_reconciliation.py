import datetime
from decimal import Decimal

import pytest

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.lib.findings import Severity
from samverka.portfolio.models import Project
from samverka.portfolio.reconciliation import reconcile
from samverka.portfolio.testing import make_project, make_project_unit, set_year_budget

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def federation():
    federation = testing.make_federation()
    make_project_unit(federation)
    return federation


def codes(findings):
    return [f.code for f in findings]


def test_matching_figures_give_no_finding(federation):
    a = make_project(federation)
    b = make_project(federation)
    set_year_budget(a, 2026, 600000)
    set_year_budget(b, 2026, 400000)
    assert reconcile(2026, Decimal("1000000")) == []


def test_the_finding_appears_when_a_projects_amount_changes(federation):
    project = make_project(federation)
    set_year_budget(project, 2026, 1000000)
    assert reconcile(2026, Decimal("1000000")) == []

    set_year_budget(project, 2026, 1050000)

    [finding] = reconcile(2026, Decimal("1000000"))
    assert finding.code == "portfolio.unit_budget_mismatch"
    assert finding.severity == Severity.WARNING
    assert finding.expected == Decimal("1050000")
    assert finding.stated == Decimal("1000000")
    assert finding.difference == Decimal("-50000")
    assert finding.where == {"enhet": "Projektenhet", "år": "2026"}
    assert "skiljer sig från summan av projekten" in finding.message


def test_a_change_of_total_budget_moves_the_spread_share_and_is_found(federation):
    project = make_project(
        federation, start=D(2026, 1, 1), end=D(2027, 12, 31), total_budget=Decimal(730000)
    )
    assert reconcile(2026, Decimal(365000)) == []
    project.total_budget = Decimal(1460000)
    project.save()
    [finding] = reconcile(2026, Decimal(365000))
    assert finding.expected == Decimal(730000)


def test_costs_given_with_the_printed_minus_sign_are_compared_as_costs(federation):
    set_year_budget(make_project(federation), 2026, 1000)
    assert reconcile(2026, Decimal(-1000)) == []
    [finding] = reconcile(2026, Decimal(-900))
    assert finding.expected == Decimal(-1000)
    assert finding.difference == Decimal(100)


def test_projects_outside_the_year_or_not_granted_do_not_count(federation):
    set_year_budget(make_project(federation), 2026, 1000)
    make_project(federation, start=D(2027, 1, 1), end=D(2027, 12, 31), total_budget=Decimal(5))
    make_project(federation, status=Project.Status.APPLICATION, total_budget=Decimal(7))
    make_project(federation, status=Project.Status.REJECTED, total_budget=Decimal(9))
    assert reconcile(2026, Decimal(1000)) == []


def test_an_application_budgeted_before_the_answer_counts(federation):
    make_project(
        federation,
        status=Project.Status.APPLICATION,
        budgeted_before_answer=True,
        total_budget=Decimal(1200),
    )
    assert reconcile(2026, Decimal(1200)) == []


def test_a_missing_unit_budget_is_reported_with_the_projects_sum(federation):
    set_year_budget(make_project(federation), 2026, 2500)
    [finding] = reconcile(2026, None)
    assert finding.code == "portfolio.unit_budget_missing"
    assert finding.severity == Severity.INFO
    assert finding.expected == Decimal(2500)


def test_projects_without_any_budget_make_the_sum_incomplete(federation):
    set_year_budget(make_project(federation), 2026, 100)
    make_project(federation, name="Okänd budget")
    findings = reconcile(2026, Decimal(100))
    assert codes(findings) == ["portfolio.project_budget_unknown"]
    assert "Okänd budget" in findings[0].message


def test_with_the_seed_the_plans_projects_have_no_amounts_to_reconcile():
    load_skaraborg()
    findings = reconcile(2026, Decimal("16398000"))
    assert codes(findings) == ["portfolio.project_budget_unknown", "portfolio.unit_budget_mismatch"]
    assert "8 av 8 projekt" in findings[0].message
    assert findings[1].difference == Decimal("16398000")
