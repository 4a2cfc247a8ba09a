"""What every chapter of the follow-up report shares: the report's date and the month it closes.

Amounts in the text are `lib.money.document_kr` (a real minus sign, as the tables print).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from samverka.orgs.models import PlanningPeriod

# Month ends at which Swedish municipal bodies report to the board "delår": the quarters, the
# tertial (January–April) and the statutory interim report (January–August).
INTERIM_MONTHS = frozenset({3, 4, 6, 8, 9})


def month_name(month: int) -> str:
    return str(MONTHS[month])


def closed_month(period: PlanningPeriod, on: datetime.date) -> int:
    """The last month of the period that is over on `on` (0: none yet).

    A month is over on its last day: the report for 2026-08-31 covers August."""
    if on.year > period.year:
        return 12
    if on.year < period.year:
        return 0
    last_day = calendar.monthrange(on.year, on.month)[1]
    return on.month if on.day == last_day else on.month - 1


def is_month_end(on: datetime.date) -> bool:
    return on.day == calendar.monthrange(on.year, on.month)[1]


def title_for(on: datetime.date, year: int | None = None) -> tuple[str, str]:
    """The report's title and file name stem, as a Swedish board names such a report.

    `year` is the period's, when the report on a later date looks back at a past year."""
    if year is not None and on.year > year:
        title = _("Uppföljning av %(year)s per %(date)s") % {"year": year, "date": on.isoformat()}
        return title, f"uppfoljning-{year}-per-{on.isoformat()}"
    if is_month_end(on) and on.month == 12:
        return _("Helårsuppföljning %(year)s") % {"year": on.year}, f"uppfoljning-{on.year}"
    if is_month_end(on) and on.month in INTERIM_MONTHS:
        title = _("Delårsrapport januari–%(month)s %(year)s") % {
            "month": month_name(on.month),
            "year": on.year,
        }
        return title, f"delarsrapport-{on.isoformat()}"
    return _("Uppföljning per %(date)s") % {"date": on.isoformat()}, f"uppfoljning-{on.isoformat()}"


def month_and_year(month: int, year: int) -> str:
    """ "mars 2026", as prose writes a month."""
    return f"{month_name(month)} {year}"


@dataclass(frozen=True)
class Scope:
    """The report's period and date, passed to every chapter."""

    period: PlanningPeriod
    on: datetime.date

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def federation(self):
        return self.period.federation

    @property
    def closed_month(self) -> int:
        return closed_month(self.period, self.on)
