"""Findings: what a check found, where, and by how much. Shared by every validator.

A finding never corrects anything: it says what the source states, what was expected, and the
difference, so that a person can decide.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": _("Fel"), "warning": _("Varning"), "info": _("Upplysning")}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable identifier, e.g. "budget.subtotal_mismatch"
    severity: Severity
    message: str  # Swedish, says what and where
    where: dict[str, str] = field(default_factory=dict)  # {"enhet": "Projektenhet", "år": "2026"}
    # Amounts as Decimal; a text value (a name the seed loader compares) as str.
    expected: Decimal | str | None = None
    stated: Decimal | str | None = None

    @property
    def difference(self) -> Decimal | None:
        if not isinstance(self.expected, Decimal) or not isinstance(self.stated, Decimal):
            return None
        return self.stated - self.expected
