"""The follow-up report when there is nothing booked to report: it says so and shows the
budget, never a column of zeros."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod
from samverka.reports.document import Callout, Facts
from samverka.reports.followup import ReportDateError, build

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def period(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_skaraborg()
        yield PlanningPeriod.objects.get(year=2026)
        transaction.set_rollback(True)


def test_without_an_imported_file_the_report_says_so_and_shows_the_budget(period):
    report = build(period, datetime.date(2026, 10, 31))
    assert report.title == "Uppföljning per 2026-10-31"
    callouts = [b.text for b in report.blocks if isinstance(b, Callout)]
    assert any(text.startswith("Inget utfall är inläst för 2026.") for text in callouts)
    columns = {c.key for t in report.tables() for c in t.columns}
    assert not columns & {"utfall_ack", "prognos_helar"}
    budget = next(t for t in report.tables() if t.key == "budget-per-enhet-2026")
    total = budget.records()[-1]
    assert (total["enhet"], total["resultat"]) == ("Förbundet totalt", Decimal("-185000"))
    assert total["intakter"] == Decimal("64295000")  # as the plan prints the total


def test_without_actuals_the_targets_are_judged_on_the_budget(period):
    report = build(period, datetime.date(2026, 10, 31))
    targets = next(t for t in report.tables() if t.title == "Finansiella mål 2026")
    result = targets.records()[0]
    assert result["bedomt_pa"] == "budgeten"
    assert result["varde"] == "\u2212185\u00a0000\u00a0kr"  # a real minus sign, as printed
    assert result["uppfyllt"] == "Nej"
    summary = next(b for b in report.blocks if isinstance(b, Facts))
    assert dict(summary.pairs)["Utfall"] == "Inget utfall att redovisa"


def test_a_report_cannot_precede_its_year(period):
    with pytest.raises(ReportDateError, match="före årets början"):
        build(period, datetime.date(2025, 12, 31))
