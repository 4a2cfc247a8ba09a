"""`fetch-kolada` of 20 000 values against a replayed Kolada, on SQLite or PostgreSQL.

Run from the repository root:

    python benchmarks/kolada_fetch.py [--write] [--profile]
    DATABASE_URL=postgres://samverka:samverka@127.0.0.1:5432/NAME \
        python benchmarks/kolada_fetch.py

Builds a throw-away test database (like the test suite: `test_` + the configured name), 250
members and 8 Kolada indicators (four sums, four means weighted by population), and replays
Kolada's documented v3 answers (the tests' helpers in goals/testing.py) with 250 × 10 years of
values for each: 20 000 values. Times the first fetch (everything new), a second identical one
(nothing changes) and a third where every value changed, with wall and CPU time and queries.
`--write` puts the result into docs/BENCHMARKS-scale.md.
"""

import argparse
import datetime
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
if not os.environ.get("DATABASE_URL"):
    import tempfile

    os.environ.setdefault("SAMVERKA_DATA_DIR", tempfile.mkdtemp(prefix="sv-bench-kolada-"))

import django  # noqa: E402

django.setup()

import httpx  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

MEMBERS, INDICATORS, YEARS = 250, 8, list(range(2015, 2025))
OUT = ROOT / "docs" / "BENCHMARKS-scale.md"


def build():
    from samverka.core import testing
    from samverka.goals import testing as gt
    from samverka.goals.models import Indicator
    from samverka.orgs.models import Member, Population

    federation = testing.make_federation()
    Member.objects.bulk_create(
        Member(federation=federation, name=f"Kommun {n:03d}", municipality_code=f"{1000 + n}")
        for n in range(MEMBERS)
    )
    Population.objects.bulk_create(
        Population(
            member=m,
            reference_date=datetime.date(year, 12, 31),
            inhabitants=10_000 + m.pk,
            source="test",
        )
        for m in Member.objects.all()
        for year in YEARS
    )
    goal = gt.make_goal(federation)
    for n in range(INDICATORS):
        aggregation = Indicator.Aggregation.SUM if n < 4 else Indicator.Aggregation.WEIGHTED_MEAN
        gt.make_kolada_indicator(goal, f"N{n:05d}", f"Nyckeltal {n}", aggregation=aggregation)


def replay(offset: int):
    from samverka.goals import testing as gt

    codes = [str(1000 + n) for n in range(MEMBERS)]

    def handler(request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        if path.startswith("/v3/kpi/"):
            ids = path.removeprefix("/v3/kpi/").split(",")
            return gt.json_response(
                gt.kolada_page([gt.kolada_kpi(i, f"Nyckeltal {int(i[1:])}") for i in ids])
            )
        match = re.match(r"/v3/data/kpi/([^/]+)/municipality/([^/]+)/year/(.+)", path)
        kpi, munis, years = match.group(1), match.group(2).split(","), match.group(3).split(",")
        rows = [
            gt.kolada_row(kpi, m, int(y), 100 + int(m) % 97 + int(y) % 7 + offset)
            for m in munis
            if m in codes
            for y in years
        ]
        return gt.json_response(gt.kolada_page(rows))

    return handler


def fetch(offset: int, profile: bool = False) -> dict:
    from samverka.goals.fetching import fetch_kolada
    from samverka.goals.kolada import KoladaClient

    client = KoladaClient(transport=httpx.MockTransport(replay(offset)), sleep=lambda s: None)
    client.cache = None
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        cpu, wall = time.process_time(), time.perf_counter()
        run = fetch_kolada(client, YEARS)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
    return {"wall": wall, "cpu": cpu, "queries": len(queries), "stored": run.stored, "run": run}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile the first fetch")
    args = parser.parse_args()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from samverka.goals.models import Measurement

        build()
        results = [
            ("first fetch (all new)", fetch(0, args.profile)),
            ("same values again", fetch(0)),
            ("every value changed", fetch(1)),
        ]
        measurements = Measurement.objects.count()
    finally:
        teardown_databases(old, verbosity=0)
    vendor = connection.vendor
    lines = [
        "| run | wall s | CPU s | queries | values stored |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, r in results:
        lines.append(
            f"| {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['queries']} | {r['stored']} |"
        )
        print(
            f"{vendor:10} {name:24} wall {r['wall']:6.2f} s  CPU {r['cpu']:6.2f} s  "
            f"{r['queries']:6} queries  {r['stored']} stored  ({r['run'].status})"
        )
    print(f"{measurements} measurements in the database at the end")
    if args.write:
        section = "\n".join(
            [
                f"### fetch-kolada, {vendor}",
                "",
                f"{datetime.date.today().isoformat()}, load average {os.getloadavg()[0]:.1f}; "
                f"{MEMBERS} members × {INDICATORS} indicators × {len(YEARS)} years = "
                f"{MEMBERS * INDICATORS * len(YEARS)} values.",
                "",
                *lines,
                "",
            ]
        )
        text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        pattern = re.compile(rf"### fetch-kolada, {vendor}\n.*?(?=\n##|\Z)", re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _m: section.rstrip("\n") + "\n", text)
        else:
            text = text.rstrip("\n") + "\n\n" + section
        OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
