"""Import a SIE file of N #TRANS rows into the database and report speed and memory.

Usage:
    python benchmarks/ledger_import_bench.py [--rows 1000000] [--file PATH]
    DATABASE_URL=postgres://… python benchmarks/ledger_import_bench.py

Generates the file with benchmarks/sie_generate.py (unless it exists), creates a throw-away
test database (SQLite file or PostgreSQL test_<name>) with the migrations, maps the file's
cost centres to units, and times the stages of `samverka.ledger.importing.import_sie`:
SHA-256 of the file, parse + aggregate (the reader), and map + store (one transaction).
Peak memory is the process's maximum resident set size (getrusage) before and after.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()

    path = args.file or Path(tempfile.gettempdir()) / f"ledger-bench-{args.rows}.se"
    if not path.exists():
        import sie_generate

        start = time.perf_counter()
        sie_generate.write(args.rows, path)
        print(f"generated {path} in {time.perf_counter() - start:.1f} s")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    os.environ.setdefault("SAMVERKA_DATA_DIR", tempfile.mkdtemp(prefix="ledger-bench-"))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from samverka.audit.context import acting_as
    from samverka.ledger import importing
    from samverka.ledger.mapping import Mapping
    from samverka.ledger.models import AccountRange, Actual, CostCentreMapping
    from samverka.ledger.sie import read
    from samverka.orgs.models import Federation, PlanningPeriod, Unit

    setup_test_environment()
    if connection.vendor == "sqlite":  # a file, as in production, not the in-memory test db
        connection.settings_dict["TEST"]["NAME"] = os.path.join(
            os.environ["SAMVERKA_DATA_DIR"], "bench.sqlite3"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        federation = Federation.objects.create(code="bench", name="Bench")
        period = PlanningPeriod.objects.create(federation=federation, year=2025)
        for first, last, kind in [
            ("30", "39", "other_revenue"),
            ("40", "49", "state_grants"),
            ("50", "69", "other_costs"),
            ("70", "76", "personnel"),
        ]:
            AccountRange.objects.create(
                federation=federation, first=first, last=last, line_kind=kind
            )
        for code in ("100", "110", "120", "130", "200"):  # "300" stays unmapped
            unit = Unit.objects.create(federation=federation, code=f"u{code}", name=code)
            CostCentreMapping.objects.create(
                federation=federation, dimension="1", object_code=code, unit=unit
            )

        rss_before = maxrss_mib()
        with acting_as(None, "benchmark"):
            t0 = time.perf_counter()
            cpu0 = time.process_time()
            sha, size = importing.file_sha256(path)
            t1 = time.perf_counter()
            sie = read(path)
            t2 = time.perf_counter()
            aggregated = importing.aggregate(sie, period, Mapping.for_federation(federation))
            result = importing._store(sie, period, path.name, sha, size, aggregated, None)
            t3 = time.perf_counter()
            cpu = time.process_time() - cpu0
        rss_after = maxrss_mib()
        rows = sie.counts.get("TRANS", 0)
        total = t3 - t0
        stored = Actual.objects.count()
        print(f"database:        {connection.vendor} ({connection.settings_dict['NAME']})")
        print(
            f"machine:         {os.cpu_count()} cores, {platform.processor() or platform.machine()}"
        )
        print(f"python:          {platform.python_version()}")
        print(f"file:            {path} ({size / 2**20:.1f} MiB)")
        print(f"#TRANS rows:     {rows:,}  (#VER {sie.counts.get('VER', 0):,})".replace(",", " "))
        print(f"sha-256:         {t1 - t0:.2f} s")
        print(f"parse+aggregate: {t2 - t1:.2f} s")
        print(f"map+store:       {t3 - t2:.2f} s  ({stored} actual rows)")
        print(f"total:           {total:.2f} s  ({rows / total:,.0f} rows/s; CPU {cpu:.2f} s)")
        print(f"max RSS:         {rss_after:.1f} MiB (grew {rss_after - rss_before:.1f} MiB)")
        print(f"status:          {result.status}; checks passed: {', '.join(sie.checks_passed)}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
