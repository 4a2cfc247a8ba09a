"""Reporting obligations: when a report to a body is due, and whether it was made.

An every-meeting obligation is due at each meeting of the body; an interval obligation is due at
the latest N months after the last time it was met (or after it started to be tracked). Only
meetings on or after `tracked_from` count; an obligation without it is not yet followed up.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

from samverka.decisions.models import Meeting, ReportingObligation


class DueState:
    MET = "met"
    MISSED = "missed"
    UPCOMING = "upcoming"


STATE_LABELS = {"met": "uppfylld", "missed": "missad", "upcoming": "kommande"}


@dataclass
class Due:
    due: datetime.date
    state: str
    met_on: datetime.date | None = None
    meeting: Meeting | None = None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_missed(self) -> bool:
        return self.state == DueState.MISSED


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fulfilled_meetings(obligation: ReportingObligation) -> dict[datetime.date, Meeting]:
    meetings = Meeting.objects.filter(
        body=obligation.body, agenda__fulfils=obligation, date__gte=obligation.tracked_from
    ).distinct()
    return {m.date: m for m in meetings}


def schedule(obligation: ReportingObligation, today: datetime.date | None = None) -> list[Due]:
    """Every due date from `tracked_from` up to and including the next one, oldest first."""
    if obligation.tracked_from is None:
        return []
    today = today or timezone.localdate()
    fulfilled = _fulfilled_meetings(obligation)
    if obligation.kind == ReportingObligation.Kind.EVERY_MEETING:
        dues = []
        for meeting in Meeting.objects.filter(
            body=obligation.body, date__gte=obligation.tracked_from
        ).order_by("date"):
            if meeting.date in fulfilled:
                dues.append(Due(meeting.date, DueState.MET, meeting.date, meeting))
            elif meeting.date < today:
                dues.append(Due(meeting.date, DueState.MISSED, meeting=meeting))
            else:
                dues.append(Due(meeting.date, DueState.UPCOMING, meeting=meeting))
        return dues
    months = obligation.interval_months or 6
    met_dates = sorted(fulfilled)
    dues = []
    anchor = obligation.tracked_from
    first = True
    while True:
        due = add_months(anchor, months)
        met = next(
            (d for d in met_dates if (anchor <= d if first else anchor < d) and d <= due), None
        )
        first = False
        if met is not None:
            dues.append(Due(due, DueState.MET, met, fulfilled[met]))
            anchor = met
        elif due < today:
            dues.append(Due(due, DueState.MISSED))
            anchor = due
        else:
            dues.append(Due(due, DueState.UPCOMING))
            return dues


def missed(obligation: ReportingObligation, today: datetime.date | None = None) -> list[Due]:
    return [d for d in schedule(obligation, today) if d.is_missed]


def next_due(obligation: ReportingObligation, today: datetime.date | None = None) -> Due | None:
    return next((d for d in schedule(obligation, today) if d.state == DueState.UPCOMING), None)
