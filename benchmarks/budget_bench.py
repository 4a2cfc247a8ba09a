"""Benchmark: consolidation and validation of a synthetic federation.

1 000 units × 40 lines × 3 years (120 000 budget lines). Run from the repository root:

    SAMVERKA_DATA_DIR=/tmp/sv python benchmarks/budget_bench.py   # SQLite (throw-away test db)
    DATABASE_URL=postgres://… python benchmarks/budget_bench.py   # PostgreSQL

Goal: under 1 s for consolidating one year and under 1 s for validating one year.
Results go to docs/BENCHMARKS-budget.md.
"""

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

UNITS, LINES, YEARS, RUNS = 1000, 40, (2024, 2025, 2026), 5


def build():
    from samverka.budget.models import KIND_ORDER, Assumptions, BudgetLine, LineKind, StatedFigure
    from samverka.orgs.models import Federation, PlanningPeriod, Unit

    federation = Federation.objects.create(code="bench", name="Benchmark")
    Unit.objects.bulk_create(
        Unit(
            federation=federation,
            code=f"enhet-{n}",
            name=f"Enhet {n}",
            kind=Unit.Kind.OFFICE if n == 0 else Unit.Kind.DEVELOPMENT_AREA,
            sort_order=n,
        )
        for n in range(UNITS)
    )
    units = list(Unit.objects.filter(federation=federation))
    kinds = LineKind.values
    periods = []
    for year in YEARS:
        period = PlanningPeriod.objects.create(federation=federation, year=year)
        periods.append(period)
        Assumptions.objects.create(period=period, payroll_overhead_rate=42, overhead_rate=16)
        lines, stated = [], []
        for u, unit in enumerate(units):
            total = Decimal(0)
            for i in range(LINES):
                kind = kinds[(u + i) % len(kinds)]
                amount = Decimal((u * 7919 + i * 104729 + year) % 1_000_000 - 500_000)
                total += amount
                lines.append(
                    BudgetLine(
                        period=period,
                        unit=unit,
                        code=f"rad-{i}",
                        kind=kind,
                        label=kind,
                        amount=amount,
                        sort_order=KIND_ORDER[kind],
                    )
                )
            stated.append(StatedFigure(period=period, unit=unit, figure="result", amount=total))
        BudgetLine.objects.bulk_create(lines, batch_size=5000)
        StatedFigure.objects.bulk_create(stated, batch_size=5000)
    return periods


def timed(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from samverka.budget import validation
    from samverka.budget.computations import load_budget

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        periods = build()
        built = time.perf_counter() - start
        period = periods[-1]
        consolidation = timed(lambda: load_budget(period).consolidated.summary())
        findings = validation.run(period)
        validate = timed(lambda: validation.run(period))
        vendor = connection.vendor
        print(f"database: {vendor}; built {UNITS * LINES * len(YEARS)} lines in {built:.1f} s")
        print(f"consolidation of one year ({UNITS} units × {LINES} lines): {consolidation:.3f} s")
        print(f"validation of one year: {validate:.3f} s ({len(findings)} findings)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
