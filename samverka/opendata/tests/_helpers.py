"""Shared steps of the open data tests (not a test module)."""

import datetime

from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PlanningPeriod


def adopt(year: int = 2026, title: str = "Budget och verksamhetsplan 2026", day: int = 12):
    period = PlanningPeriod.objects.get(year=year)
    decision = Decision.objects.create(
        federation=period.federation,
        date=datetime.date(year - 1, 12, day),
        number="§ 45",
        title=title,
    )
    # The printed 2026 budget has open errors (its own sums); the board adopted it knowing them.
    return periods.adopt(period, decision, errors_acknowledged=True)


def revise(year: int = 2026, change=None, title: str = "Reviderad budget 2026"):
    period = periods.open_revision(PlanningPeriod.objects.get(year=year))
    if change is not None:
        change(period)
    return adopt(year, title, day=20)
