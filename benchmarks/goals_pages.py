"""How long the goals pages and a Kolada fetch take with a full data set.

Full data: 16 indicators x 15 members + Skaraborg x 10 years (2 720 measurements).
Run from the repository root:
    SAMVERKA_DATA_DIR=/tmp/sv-bench python benchmarks/goals_pages.py
Writes nothing; paste the output into docs/BENCHMARKS-goals.md.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django  # noqa: E402

django.setup()

import httpx  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment  # noqa: E402

from samverka.accounts.models import Role  # noqa: E402
from samverka.core import testing  # noqa: E402
from samverka.core.seeding import load_skaraborg  # noqa: E402
from samverka.goals import testing as gt  # noqa: E402
from samverka.goals.fetching import fetch_kolada  # noqa: E402
from samverka.goals.kolada import KoladaClient  # noqa: E402
from samverka.goals.models import KoladaMapping  # noqa: E402
from samverka.orgs.models import Member  # noqa: E402

YEARS = list(range(2015, 2025))


def main() -> None:
    setup_test_environment()
    setup_databases(verbosity=0, interactive=False)
    load_skaraborg()
    for mapping in KoladaMapping.objects.all():  # trust every mapping for the benchmark
        mapping.kpi_id = mapping.kpi_id or f"N9{mapping.pk:04d}"
        mapping.expected_title = f"Titel {mapping.kpi_id}"
        mapping.save()
    codes = list(Member.objects.values_list("municipality_code", flat=True))

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/v3/kpi/"):
            ids = path.rsplit("/", 1)[1].split(",")
            return gt.json_response(gt.kolada_page([gt.kolada_kpi(i, f"Titel {i}") for i in ids]))
        kpi = path.split("/")[4]
        rows = [gt.kolada_row(kpi, c, y, 1000 + y + int(c)) for c in codes for y in YEARS]
        return gt.json_response(gt.kolada_page(rows))

    for member in Member.objects.all():
        for year in YEARS[:-1]:  # the seed holds 2024
            gt.give_population(member, year, 10000 + int(member.municipality_code))
    client = KoladaClient(transport=httpx.MockTransport(handler), cache=None)
    start = time.perf_counter()
    run = fetch_kolada(client, YEARS)
    fetch_seconds = time.perf_counter() - start
    print(
        f"fetch-kolada, 8 KPIs x 15 members x 10 years, replayed: {fetch_seconds:.2f} s, "
        f"{run.stored} values stored, status {run.status}"
    )

    web = Client()
    web.force_login(testing.make_user(Role.READER))
    for url in ("/mal/", "/mal/mal-1/", "/mal/indikator/befolkning/"):
        times = []
        for _ in range(10):
            queries: list[str] = []

            def count(execute, sql, *args, log=queries):
                log.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                start = time.perf_counter()
                response = web.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200
        print(
            f"GET {url}: median {statistics.median(times) * 1000:.0f} ms, "
            f"{len(queries)} queries, {len(response.content) // 1024} KiB"
        )
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {connection.vendor}"
    )


if __name__ == "__main__":
    if "--profile" in sys.argv:
        import cProfile

        cProfile.run("main()", sort="cumulative")
    else:
        main()
