"""Factories for the ledger's tests (plain functions)."""

import re
from decimal import Decimal
from pathlib import Path

from samverka.budget.models import BudgetLine
from samverka.ledger.models import AccountRange, CostCentreMapping

# The business chart BAS, as in the sample files in shared/sie-samples (#KPTYP EUBAS97).
BAS_RANGES = [
    ("30", "39", "other_revenue"),
    ("40", "69", "other_costs"),
    ("70", "76", "personnel"),
    ("77", "79", "other_costs"),
]


def make_ranges(federation, ranges=BAS_RANGES) -> list[AccountRange]:
    return [
        AccountRange.objects.create(federation=federation, first=first, last=last, line_kind=k)
        for first, last, k in ranges
    ]


def map_cost_centre(federation, object_code: str, unit, dimension: str = "1"):
    return CostCentreMapping.objects.create(
        federation=federation, dimension=dimension, object_code=object_code, unit=unit
    )


def make_budget_line(period, unit, kind: str, amount: str | int, code: str | None = None):
    return BudgetLine.objects.create(
        period=period,
        unit=unit,
        code=code or kind.replace("_", "-"),
        kind=kind,
        label=kind,
        amount=Decimal(amount),
    )


# Dates (YYYYMMDD) and periods (YYYYMM) in a SIE file, not amounts or account numbers.
_SIE_DATE = re.compile(rb"(?<![\d.\-])((?:19|20)\d{2})((?:0[1-9]|1[0-2])(?:[0-3]\d)?)(?![\d.])")


def sample_moved_to(source: Path, target: Path, year: int) -> Path:
    """A real SIE sample with its fiscal years moved so that the current one (#RAR 0) is `year`.

    The samples are from 2011; a period of the Skaraborg seed is 2026. Every date and period
    moves by the same number of years, so vouchers, balances and checks stay as the program
    wrote them (the samples carry no #KSUMMA).
    """
    data = source.read_bytes()
    current = re.search(rb"#RAR\s+0\s+(\d{4})", data)
    shift = year - int(current.group(1)) if current else 0

    def move(match: re.Match) -> bytes:
        return str(int(match.group(1)) + shift).encode() + match.group(2)

    target.write_bytes(_SIE_DATE.sub(move, data))
    return target
