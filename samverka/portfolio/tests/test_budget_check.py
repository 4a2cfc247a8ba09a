import pytest

from samverka.budget import validation
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db


def test_the_budget_validation_compares_the_project_unit_with_its_projects():
    load_skaraborg()
    findings = validation.run(PlanningPeriod.objects.get(year=2026))
    codes = {f.code for f in findings if f.code.startswith("portfolio.")}
    # The seed prints no project amounts, so the engine says the comparison cannot be made
    # rather than claiming a difference against the unit's 16 398 000 kr.
    assert codes == {"portfolio.reconciliation_not_possible"}


def test_once_a_project_has_an_amount_the_difference_is_reported():
    from decimal import Decimal

    from samverka.lib.findings import Severity
    from samverka.portfolio.models import Project, ProjectYear

    load_skaraborg()
    project = Project.objects.get(code="kompetensnavet")
    ProjectYear.objects.create(project=project, year=2026, budget=Decimal("2000000"))
    findings = validation.run(PlanningPeriod.objects.get(year=2026))
    portfolio = {f.code: f for f in findings if f.code.startswith("portfolio.")}
    # One project of eight now has an amount: the sum is known to be incomplete (a warning),
    # and it differs from the unit's budget: both are reported, never silently accepted.
    assert portfolio["portfolio.project_budget_unknown"].severity == Severity.WARNING
    mismatch = portfolio["portfolio.unit_budget_mismatch"]
    assert mismatch.difference is not None and mismatch.difference != 0
    assert "portfolio.reconciliation_not_possible" not in portfolio
