"""Time the portfolio's arithmetic and its timeline page.

Usage: SAMVERKA_DATA_DIR=/tmp/sv-bench python benchmarks/portfolio_bench.py [N_PROJECTS]

1. Spreading: a ten-year total over its 120 months, 10 000 times (best of three).
2. The timeline page (portfolio:index) with N projects (default 300), each with three
   stated years, on a fresh SQLite database in SAMVERKA_DATA_DIR: median of five requests,
   and the number of SQL queries one request makes.
"""

import datetime
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from samverka.core import testing  # noqa: E402
from samverka.portfolio.models import Project, ProjectYear  # noqa: E402
from samverka.portfolio.spreading import spread_over_months  # noqa: E402
from samverka.portfolio.testing import make_project_unit  # noqa: E402


def bench_spreading() -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for i in range(10_000):
            spread_over_months(
                Decimal(12_345_678 + i), datetime.date(2020, 3, 15), datetime.date(2030, 3, 14)
            )
        best = min(best, time.perf_counter() - start)
    return best


def bench_page(n: int) -> tuple[float, int]:
    call_command("migrate", verbosity=0)
    Project.objects.all().delete()
    federation = testing.make_federation()
    unit = make_project_unit(federation)
    for i in range(n):
        start = datetime.date(2020 + i % 6, 1 + i % 12, 1)
        project = Project.objects.create(
            federation=federation,
            code=f"bench-{i}",
            name=f"Projekt {i}",
            status=Project.Status.RUNNING,
            start=start,
            end=start + datetime.timedelta(days=900),
            owning_unit=unit,
        )
        for year in range(start.year, start.year + 3):
            ProjectYear.objects.create(project=project, year=year, budget=Decimal(100_000))
    client = Client()
    client.force_login(testing.make_controller())
    times = []
    for _ in range(5):
        start_t = time.perf_counter()
        assert client.get("/projekt/").status_code == 200
        times.append(time.perf_counter() - start_t)
    with CaptureQueriesContext(connection) as queries:
        client.get("/projekt/")
    return statistics.median(times), len(queries)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    spread = bench_spreading()
    print(f"spreading 10 000 × 120 months: {spread:.3f} s ({spread / 10_000 * 1e6:.0f} µs each)")
    page, queries = bench_page(n)
    print(f"timeline page, {n} projects: median {page * 1000:.0f} ms, {queries} SQL queries")
