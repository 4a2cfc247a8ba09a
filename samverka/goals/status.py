"""The status rule of an indicator: on track, at risk or off track, and why, in words.

The latest value is compared with a reference: the target value for that year when a user has
entered one, otherwise the value in the baseline year. The shortfall is how far the value falls
short of the reference in the desired direction, in per cent of the reference:

- no shortfall (the value meets or passes the reference): on track ("i fas");
- a shortfall of at most the tolerance: at risk ("risk");
- a shortfall larger than the tolerance: off track ("ur fas").

When the reference is 0 a percentage is meaningless, so any shortfall is off track.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from samverka.lib.money import format_number


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "on_track": _("I fas"),
            "at_risk": _("Risk"),
            "off_track": _("Ur fas"),
            "unknown": _("Okänd"),
        }[self.value]


@dataclass(frozen=True)
class Assessment:
    status: Status
    explanation: str
    value: Decimal | None = None
    reference: Decimal | None = None
    shortfall_percent: Decimal | None = None


def shortfall_percent(value: Decimal, reference: Decimal, increase: bool) -> Decimal | None:
    """How far `value` falls short of `reference` in the desired direction, in % (≥ 0)."""
    gap = reference - value if increase else value - reference
    if gap <= 0:
        return Decimal(0)
    if reference == 0:
        return None
    return gap / abs(reference) * 100


def assess(
    value: Decimal | None,
    reference: Decimal | None,
    *,
    increase: bool,
    tolerance_percent: Decimal,
    reference_label: str,
) -> Assessment:
    if value is None:
        return Assessment(Status.UNKNOWN, _("Inget utfall för förbundets område finns ännu."))
    if reference is None:
        return Assessment(
            Status.UNKNOWN,
            _("Det finns varken målvärde eller värde för basåret att jämföra med (%(reference)s).")
            % {"reference": reference_label},
            value,
        )
    short = shortfall_percent(value, reference, increase)
    tol = format_number(tolerance_percent, 1)
    if short == 0:
        status = Status.ON_TRACK
        template = (
            _("Utfallet når %(reference)s eller är högre.")
            if increase
            else _("Utfallet når %(reference)s eller är lägre.")
        )
    elif short is not None and short <= tolerance_percent:
        status = Status.AT_RISK
        template = _(
            "Utfallet ligger %(shortfall)s %% från %(reference)s, inom toleransen %(tolerance)s %%."
        )
    else:
        status = Status.OFF_TRACK
        template = (
            _(
                "Utfallet ligger %(shortfall)s %% från %(reference)s, mer än toleransen "
                "%(tolerance)s %%."
            )
            if short is not None
            else _("Utfallet ligger från %(reference)s, mer än toleransen %(tolerance)s %%.")
        )
    shortfall = format_number(short, 1) if short is not None else ""
    text = template % {"shortfall": shortfall, "reference": reference_label, "tolerance": tol}
    return Assessment(status, text, value, reference, short)
