"""`samverka generate-scale`: a synthetic federation N times Skaraborg, for benchmarks."""

import pytest
from django.core.management import CommandError, call_command

from samverka.budget.models import BudgetLine, BudgetSnapshot
from samverka.core import scale
from samverka.ledger.models import Actual
from samverka.orgs.models import Member, PlanningPeriod, Unit
from samverka.plan.models import Activity, ActivityReport
from samverka.portfolio.models import Project

pytestmark = pytest.mark.django_db


def test_factor_two_doubles_skaraborg_and_adopts_the_earlier_years():
    counts = scale.generate(2)
    assert Member.objects.count() == 30
    assert Unit.objects.count() == 12
    assert Project.objects.count() == 60
    assert Activity.objects.count() == 400
    assert ActivityReport.objects.exists()
    assert counts["actuals"] == Actual.objects.count()
    assert 190_000 <= counts["actuals"] <= 200_000
    adopted = PlanningPeriod.objects.filter(status__in=PlanningPeriod.LOCKED)
    assert sorted(adopted.values_list("year", flat=True)) == [2022, 2023, 2024, 2025]
    for year in (2022, 2023, 2024):
        assert BudgetSnapshot.objects.filter(period__year=year).exists()
        assert BudgetLine.objects.filter(period__year=year, unit__code="enhet-001").exists()
    assert PlanningPeriod.objects.get(year=2026).status == PlanningPeriod.Status.DRAFT


def test_it_refuses_a_database_that_holds_a_federation_already():
    from samverka.core.seeding import load_skaraborg

    load_skaraborg()
    with pytest.raises(CommandError, match="redan ett förbund"):
        call_command("generate_scale", "--factor", "1")
