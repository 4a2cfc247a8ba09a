"""What the follow-up report is called, and which month it closes, for a date."""

import datetime

import pytest

from samverka.orgs.models import PlanningPeriod
from samverka.reports.followup.common import closed_month, title_for


@pytest.mark.parametrize(
    ("day", "title", "key"),
    [
        ("2026-08-31", "Delårsrapport januari–augusti 2026", "delarsrapport-2026-08-31"),
        ("2026-04-30", "Delårsrapport januari–april 2026", "delarsrapport-2026-04-30"),
        ("2026-06-30", "Delårsrapport januari–juni 2026", "delarsrapport-2026-06-30"),
        ("2026-10-31", "Uppföljning per 2026-10-31", "uppfoljning-2026-10-31"),
        ("2026-08-30", "Uppföljning per 2026-08-30", "uppfoljning-2026-08-30"),
        ("2026-12-31", "Helårsuppföljning 2026", "uppfoljning-2026"),
    ],
)
def test_a_board_knows_the_report_by_its_name(day, title, key):
    assert title_for(datetime.date.fromisoformat(day)) == (title, key)


def test_a_report_on_a_later_date_names_the_year_it_follows_up():
    assert title_for(datetime.date(2027, 3, 31), 2026) == (
        "Uppföljning av 2026 per 2027-03-31",
        "uppfoljning-2026-per-2027-03-31",
    )
    assert title_for(datetime.date(2026, 3, 31), 2026)[0] == "Delårsrapport januari–mars 2026"


@pytest.mark.parametrize(
    ("day", "month"),
    [
        ("2026-08-31", 8),  # the last day closes its month
        ("2026-08-30", 7),
        ("2026-02-28", 2),
        ("2026-01-15", 0),  # no month of the year is over yet
        ("2027-01-15", 12),  # after the year: the whole year
    ],
)
def test_the_report_covers_the_months_that_are_over(day, month):
    period = PlanningPeriod(year=2026)
    assert closed_month(period, datetime.date.fromisoformat(day)) == month
