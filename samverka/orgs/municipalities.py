"""Sweden's 290 municipalities by code, name and county, from SCB's published list.

The list is bundled (`data/municipalities.csv`, with its source and date in its header) so a
federation can be set up offline; online, SCB's own labels are preferred (`founding`).
"""

import csv
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "municipalities.csv"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    county: str


@cache
def all_municipalities() -> dict[str, Municipality]:
    """Every municipality by its four-digit code, in code order."""
    with open(DATA, encoding="utf-8") as f:
        lines = (line for line in f if not line.startswith("#"))
        return {row["code"]: Municipality(**row) for row in csv.DictReader(lines)}


def get(code: str) -> Municipality | None:
    return all_municipalities().get(code.strip())


def by_county() -> list[tuple[str, list[Municipality]]]:
    """(county, its municipalities by name), counties in code order."""
    rows = sorted(all_municipalities().values(), key=lambda m: (m.county_code, m.name))
    return [(county, list(group)) for county, group in groupby(rows, key=lambda m: m.county)]
