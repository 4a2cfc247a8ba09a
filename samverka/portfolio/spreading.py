"""Spread a project's total over the months it runs, pro rata by days, to the krona.

Each calendar month the project touches gets a weight equal to the number of its days inside
the period (both ends inclusive). The total is divided by these weights with largest-remainder
rounding: every month first gets its share rounded down to the unit, and the units left over go
one each to the months with the largest remainders (earlier month first on a tie). The parts
therefore always sum to the total exactly. The unit is one krona when the total is whole
kronor, otherwise one öre. A year's amount is the sum of its months.
"""

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

KRONA = Decimal("1")
ORE = Decimal("0.01")


def largest_remainder(total: Decimal, weights: Sequence[int]) -> list[Decimal]:
    """Split `total` in proportion to the non-negative integer `weights`, summing exactly."""
    if not weights:
        raise ValueError("Minst en vikt behövs för att fördela ett belopp.")
    if any(w < 0 for w in weights) or sum(weights) == 0:
        raise ValueError("Vikterna måste vara icke-negativa och inte alla noll.")
    unit = KRONA if total == total.to_integral_value() else ORE
    sign = -1 if total < 0 else 1
    units = int((abs(total) / unit).to_integral_value())
    weight_sum = sum(weights)
    floors = [units * w // weight_sum for w in weights]
    remainders = [units * w % weight_sum for w in weights]
    left = units - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [sign * n * unit for n in floors]


@dataclass(frozen=True)
class MonthShare:
    year: int
    month: int
    days: int
    amount: Decimal


def months_in(start: datetime.date, end: datetime.date) -> list[tuple[int, int, int]]:
    """(year, month, days inside the period) for each month from start to end."""
    result = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = datetime.date(year, month, 1)
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        days = (min(last, end) - max(first, start)).days + 1
        result.append((year, month, days))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def spread_over_months(
    total: Decimal, start: datetime.date, end: datetime.date, years: set[int] | None = None
) -> list[MonthShare]:
    """The total spread over the period's months (only those in `years`, when given)."""
    months = [m for m in months_in(start, end) if years is None or m[0] in years]
    amounts = largest_remainder(total, [days for _y, _m, days in months])
    return [
        MonthShare(year, month, days, amount)
        for (year, month, days), amount in zip(months, amounts, strict=True)
    ]


def spread_by_year(
    total: Decimal, start: datetime.date, end: datetime.date, years: set[int] | None = None
) -> dict[int, Decimal]:
    by_year: dict[int, Decimal] = {}
    for share in spread_over_months(total, start, end, years):
        by_year[share.year] = by_year.get(share.year, Decimal(0)) + share.amount
    return by_year
