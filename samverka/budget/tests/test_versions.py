import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import BudgetLine, BudgetSnapshot
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PeriodLockedError, PlanningPeriod

pytestmark = pytest.mark.django_db


def _adopt(period, title="Budget och verksamhetsplan 2026"):
    decision = Decision.objects.create(
        federation=period.federation, date=datetime.date(2025, 12, 12), title=title
    )
    # The budget as printed has open errors (the plan's own sums); the board adopts it
    # knowing them.
    return periods.adopt(period, decision, errors_acknowledged=True)


def test_adoption_locks_the_budget_and_keeps_the_adopted_version():
    load_skaraborg()
    period = _adopt(PlanningPeriod.objects.get(year=2026))
    snapshot = BudgetSnapshot.objects.get(period=period, revision=0)
    assert len(snapshot.lines) == 27
    line = BudgetLine.objects.get(period=period, unit__code="projektenhet", code="personal")
    line.amount = Decimal("-1")
    with pytest.raises(PeriodLockedError):
        line.save()


def test_a_revision_shows_what_changed_against_the_adopted_version(client):
    load_skaraborg()
    period = _adopt(PlanningPeriod.objects.get(year=2026))
    periods.open_revision(period)
    line = BudgetLine.objects.get(period=period, unit__code="projektenhet", code="personal")
    line.amount = Decimal("-9000000")
    line.save()
    _adopt(period, "Reviderad budget 2026")
    assert list(
        BudgetSnapshot.objects.filter(period=period).values_list("revision", flat=True)
    ) == [0, 1]
    client.force_login(testing.make_reader())
    page = client.get(reverse("budget:versions", args=[2026])).content.decode()
    assert "Revidering 1 jämfört med 0" in page
    # -8 768 000 → -9 000 000: a change of -232 000.
    assert "-8\u00a0768\u00a0000" in page and "-232\u00a0000" in page


def test_the_seeded_adopted_2025_has_its_version_before_a_revision_opens():
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2025)
    assert BudgetSnapshot.objects.filter(period=period, revision=0).exists()
    periods.open_revision(period)
    assert BudgetSnapshot.objects.filter(period=period).count() == 1
