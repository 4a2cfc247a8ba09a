"""The plan's priority areas and activities as a table (plan/tables.py), on the Skaraborg seed."""

import datetime

import pytest

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.lib.tabular import rows_of
from samverka.orgs.models import PlanningPeriod
from samverka.plan import followup, tables
from samverka.plan.models import Activity, ActivityStatus, PriorityArea
from samverka.plan.testing import make_priority_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    load_skaraborg()
    return PlanningPeriod.objects.get(year=2026)


def test_the_table_lists_the_six_priority_areas_with_their_24_activities(period):
    table = tables.activities_table(period)
    header = next(rows_of(table))
    assert header[:5] == [
        "Prioriterat område",
        "Aktivitetens kod",
        "Aktivitet",
        "Ansvarig enhet",
        "Ansvarig",
    ]
    assert "Senaste stängda uppföljning" in header
    assert len(table.rows) == 24
    records = table.records()
    assert len({r["omrade"] for r in records}) == 6
    assert records[0]["omrade"] == "Sammanhållen riktning för kompetensförsörjning och utbildning"
    assert records[0]["aktivitet"].startswith("Införa ett nytt antagningssystem")
    assert records[0]["status"] == "ej påbörjad" and records[0]["uppfoljning"] is None
    # The one responsibility the plan states (RSS Skaraborg) sets that activity's unit.
    assert [r["ansvarig_enhet"] for r in records if r["ansvarig_enhet"]] == ["Välfärdsutveckling"]


def test_each_activity_shows_its_answer_in_the_latest_closed_round(period):
    activity = Activity.objects.filter(priority_area__period=period).first()
    controller = testing.make_controller()
    august = followup.open_round(
        period,
        code="aug-2026",
        title="Uppföljning augusti 2026",
        deadline=datetime.date(2026, 8, 31),
    )
    followup.submit_report(
        august,
        activity,
        controller,
        status=ActivityStatus.ONGOING,
        judgement="at_risk",
        comment="Upphandlingen är försenad två månader.",
        status_date=datetime.date(2026, 8, 20),
    )
    followup.close_round(august)
    # An open round's answer is not yet the follow-up: the table keeps August's.
    december = followup.open_round(
        period,
        code="dec-2026",
        title="Uppföljning december 2026",
        deadline=datetime.date(2026, 12, 15),
    )
    followup.submit_report(
        december,
        activity,
        controller,
        status=ActivityStatus.DONE,
        judgement="on_track",
        comment="Klart.",
        status_date=datetime.date(2026, 12, 1),
    )
    record = next(
        r for r in tables.activities_table(period).records() if r["aktivitet_kod"] == activity.code
    )
    assert record["uppfoljning"] == "Uppföljning augusti 2026"
    assert record["uppfoljd_status"] == "pågår"
    assert record["bedomning"] == "risk för avvikelse"
    assert record["status_per"] == datetime.date(2026, 8, 20)
    assert record["kommentar"] == "Upphandlingen är försenad två månader."
    assert record["status"] == "klar"  # the activity's current status, from December's answer


def test_an_area_without_activities_keeps_its_row(period):
    make_priority_area(period, title="Digitalisering", sort_order=99)
    table = tables.activities_table(period)
    assert len(table.rows) == 25
    assert table.records()[-1]["omrade"] == "Digitalisering"
    assert table.records()[-1]["aktivitet"] is None
    assert PriorityArea.objects.filter(period=period).count() == 7
