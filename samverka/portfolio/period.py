"""Project periods as the plan writes them: "240301-270301" means 2024-03-01 to 2027-03-01.

Both dates are inclusive. Two-digit years are read as 20YY. Also accepted, as people paste
them: ISO dates ("2024-03-01–2027-03-01"), with a hyphen, an en dash, an em dash or a minus
sign between them, with or without spaces around it. An impossible date or an end before the
start is refused with a Swedish message that says what is wrong.
"""

import calendar
import datetime
import re
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

_DATE = r"(\d{6}|\d{8}|\d{4}-\d{1,2}-\d{1,2})"
_PERIOD = re.compile(rf"^{_DATE}\s*[-\u2013\u2014\u2212]\s*{_DATE}$")

MONTH_NAMES = [
    _lazy("januari"),
    _lazy("februari"),
    _lazy("mars"),
    _lazy("april"),
    _lazy("maj"),
    _lazy("juni"),
    _lazy("juli"),
    _lazy("augusti"),
    _lazy("september"),
    _lazy("oktober"),
    _lazy("november"),
    _lazy("december"),
]

EXAMPLE = "240301-270301 eller 2024-03-01–2027-03-01"


class PeriodError(ValueError):
    """A text that is not a project period; the message says why, in Swedish."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class Period(NamedTuple):
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps_year(self, year: int) -> bool:
        return self.start.year <= year <= self.end.year

    def as_printed(self) -> str:
        """The plan's compact notation, e.g. "240301-270301"."""
        return f"{self.start:%y%m%d}-{self.end:%y%m%d}"


def _date(text: str, which: str) -> datetime.date:
    """`which` is "start" or "end"."""
    label = _("Startdatumet") if which == "start" else _("Slutdatumet")
    if "-" in text:
        year, month, day = (int(part) for part in text.split("-"))
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        year, month, day = 2000 + int(text[:2]), int(text[2:4]), int(text[4:])
    if not 1900 <= year <= 2199:
        raise PeriodError(
            _("%(which)s ”%(text)s” har året %(year)s, som inte kan vara ett projektår.")
            % {"which": label, "text": text, "year": year}
        )
    if not 1 <= month <= 12:
        raise PeriodError(
            _("%(which)s ”%(text)s” är inget datum: månad %(month)02d finns inte (01–12).")
            % {"which": label, "text": text, "month": month}
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise PeriodError(
            _(
                "%(which)s ”%(text)s” är inget datum: %(month)s %(year)s har %(last)s dagar, "
                "inte %(day)s."
            )
            % {
                "which": label,
                "text": text,
                "month": MONTH_NAMES[month - 1],
                "year": year,
                "last": last,
                "day": day,
            }
        )
    return datetime.date(year, month, day)


def parse_period(text: str) -> Period:
    """Read "240301-270301" (or "2024-03-01–2027-03-01") into a Period; PeriodError if not."""
    cleaned = (text or "").strip().replace("\u00a0", " ")
    if not cleaned:
        raise PeriodError(_("Ange en period, t.ex. %(example)s.") % {"example": EXAMPLE})
    match = _PERIOD.match(cleaned)
    if not match:
        raise PeriodError(
            _(
                "”%(text)s” är ingen period. Skriv start och slut som ÅÅMMDD-ÅÅMMDD eller "
                "ÅÅÅÅ-MM-DD–ÅÅÅÅ-MM-DD, t.ex. %(example)s."
            )
            % {"text": cleaned, "example": EXAMPLE}
        )
    start = _date(match.group(1), "start")
    end = _date(match.group(2), "end")
    if end < start:
        raise PeriodError(
            _("Slutdatumet %(end)s ligger före startdatumet %(start)s.")
            % {"end": end.isoformat(), "start": start.isoformat()}
        )
    return Period(start, end)


def format_period(start: datetime.date | None, end: datetime.date | None) -> str:
    """The period as a user would type it back into the form (ISO dates, en dash)."""
    if start is None or end is None:
        return ""
    return f"{start.isoformat()}\u2013{end.isoformat()}"
