"""Every main page, one logged-in controller, on the federation of `samverka generate-scale`.

Run from the repository root, against the configured database (SAMVERKA_DATA_DIR for SQLite,
DATABASE_URL for PostgreSQL), after `samverka migrate` and `samverka generate-scale --factor 10`:

    python benchmarks/scale_pages.py [--runs 20] [--write] [--only budget] [--profile /budget/2026/]

Each page is requested once to warm up, then `--runs` times through Django's test Client, in
process (no server, no network), with the page cache off: the figures are what rendering a page
costs, as for the first view after any change. The column "kept" is the same page with the
page cache on (core/pagecache.py): what every later view costs until the data changes.
After the warm-up the heap is frozen (`gc.freeze()`), as `samverka serve` does in each worker.
Per page: wall time p50 and p95, CPU time of this process per
request (time.process_time: less disturbed than wall time on a shared machine, though it does not
count the database server's own CPU on PostgreSQL) and the number of queries.
`--write` puts the table into docs/BENCHMARKS-scale.md (the section of this database's vendor).
`--profile PATH` prints a pyinstrument profile of one request (pip install -e '.[bench]').
"""

import argparse
import datetime
import gc
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

OUT = ROOT / "docs" / "BENCHMARKS-scale.md"
PAGE_P50_MS, PAGE_P95_MS, TIMELINE_MS = 50, 100, 200


def pages() -> list[tuple[str, str]]:
    from samverka.goals.models import Indicator
    from samverka.opendata.models import PublishedDataset
    from samverka.orgs.models import Member, PlanningPeriod, Unit
    from samverka.portfolio.models import Project

    periods = PlanningPeriod.objects.order_by("-year")
    current = periods.first().year
    adopted = periods.filter(status__in=PlanningPeriod.LOCKED).first().year
    unit = Unit.objects.order_by("-sort_order").first().code
    member = Member.objects.order_by("name").first().municipality_code
    indicator = Indicator.objects.order_by("sort_order", "code").first().code
    project = Project.objects.order_by("code").first().code
    dataset = PublishedDataset.objects.order_by("-id").values_list("key", flat=True).first()
    return [
        ("overview", "/oversikt/"),
        ("budget current", f"/budget/{current}/"),
        ("budget adopted", f"/budget/{adopted}/"),
        ("budget adopted, 304", f"/budget/{adopted}/"),
        ("budget unit", f"/budget/{current}/enhet/{unit}/"),
        ("goals", "/mal/"),
        ("indicator", f"/mal/indikator/{indicator}/"),
        ("plan", "/plan/"),
        ("projects + timeline", "/projekt/"),
        ("project", f"/projekt/{project}/"),
        ("follow-up", f"/utfall/{current}/"),
        ("follow-up unit", f"/utfall/{current}/{unit}/"),
        ("decisions", "/beslut/"),
        ("reports", "/rapporter/"),
        ("members", "/organisation/kommuner/"),
        ("member", f"/organisation/kommuner/{member}/"),
        ("api projects", "/api/v1/projects"),
        ("api measurements", "/api/v1/measurements"),
        ("open data", "/oppna-data/"),
        ("open data set", f"/oppna-data/{adopted}/{dataset}.json"),
    ]


def controller_client() -> Client:
    from django.contrib.auth import get_user_model

    from samverka.accounts.models import Role, RoleAssignment

    user, _ = get_user_model().objects.get_or_create(username="bench-controller")
    RoleAssignment.objects.get_or_create(user=user, role=Role.CONTROLLER)
    client = Client()
    client.force_login(user)
    client.get("/oversikt/")  # as after the login page: the CSRF cookie is set
    return client


def kept_p50(client: Client, path: str, runs: int) -> float | None:
    """Wall ms (p50) of the page answered from the page cache, or None if it is not kept."""
    from django.conf import settings

    from samverka.core.pagecache import PAGES

    if client.get(path).resolver_match.view_name not in PAGES:
        return None
    settings.SAMVERKA_PAGE_CACHE = True
    try:
        client.get(path)
        walls = []
        for _ in range(runs):
            wall = time.perf_counter()
            client.get(path)
            walls.append((time.perf_counter() - wall) * 1000)
    finally:
        settings.SAMVERKA_PAGE_CACHE = False
    return statistics.median(walls)


def measure(client: Client, path: str, runs: int, revalidate: bool = False) -> dict:
    """`revalidate`: ask as a browser that has the page (If-None-Match with its ETag)."""
    response = client.get(path)  # warm up: imports, template loading, caches
    assert response.status_code == 200, f"{path}: {response.status_code}"
    headers = {"if-none-match": response["ETag"]} if revalidate else {}
    walls, cpus = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            response = client.get(path, headers=headers)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    walls.sort()
    return {
        "p50": statistics.median(walls),
        "p95": walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))],
        "cpu": statistics.median(cpus),
        "queries": len(queries),
        "bytes": len(response.content),
        "kept": None if revalidate else kept_p50(client, path, runs),
    }


def profile(client: Client, path: str) -> None:
    from pyinstrument import Profiler

    client.get(path)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    client.get(path)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def verdict(name: str, result: dict) -> str:
    if name.startswith("projects"):
        return "yes" if result["p50"] < TIMELINE_MS else "no"
    return "yes" if result["p50"] < PAGE_P50_MS and result["p95"] < PAGE_P95_MS else "no"


def table(results: dict[str, tuple[str, dict]]) -> str:
    lines = [
        "| page | path | p50 ms | p95 ms | CPU ms (p50) | queries | kB | within target "
        "| kept: p50 ms |",
        "|---|---|--:|--:|--:|--:|--:|---|--:|",
    ]
    for name, (path, r) in results.items():
        kept = "" if r["kept"] is None else f"{r['kept']:.1f}"
        lines.append(
            f"| {name} | `{path}` | {r['p50']:.1f} | {r['p95']:.1f} | {r['cpu']:.1f} "
            f"| {r['queries']} | {r['bytes'] / 1024:.0f} | {verdict(name, r)} | {kept} |"
        )
    return "\n".join(lines)


def write(results: dict, runs: int) -> None:
    from samverka.ledger.models import Actual
    from samverka.portfolio.models import Project

    vendor = connection.vendor
    load = os.getloadavg()
    section = "\n".join(
        [
            f"## {vendor}",
            "",
            f"{datetime.date.today().isoformat()}, {platform.python_version()}, "
            f"{os.cpu_count()} cores, load average {load[0]:.1f} at the end; {runs} runs per page; "
            f"{Project.objects.count()} projects, {Actual.objects.count()} actual rows.",
            "",
            table(results),
            "",
        ]
    )
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    pattern = re.compile(rf"## {vendor}\n.*?(?=\n##|\Z)", re.S)
    text = (
        pattern.sub(lambda _m: section.rstrip("\n") + "\n", text)
        if pattern.search(text)
        else (text.rstrip("\n") + "\n\n" + section)
    )
    OUT.write_text(text.lstrip("\n"), encoding="utf-8")
    print(f"written to {OUT}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", help="only pages whose name or path contains this")
    parser.add_argument("--profile", metavar="PATH", help="profile one request of PATH")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the heap unfrozen (see the 95th percentile)"
    )
    args = parser.parse_args()
    settings.SAMVERKA_PAGE_CACHE = False
    client = controller_client()
    if args.profile:
        profile(client, args.profile)
        return
    chosen = [
        (name, path)
        for name, path in pages()
        if not args.only or args.only in name or args.only in path
    ]
    for _name, path in chosen:
        client.get(path)  # every template and module loaded, as in a worker that has served
    if not args.no_freeze:
        gc.collect()
        gc.freeze()
    results = {}
    for name, path in chosen:
        results[name] = (path, measure(client, path, args.runs, revalidate="304" in name))
        r = results[name][1]
        print(
            f"{name:22} {r['p50']:8.1f} {r['p95']:8.1f} ms  CPU {r['cpu']:7.1f} ms "
            f"{r['queries']:4} queries  {verdict(name, r)}",
            flush=True,
        )
    print(table(results))
    if args.write:
        write(results, args.runs)


if __name__ == "__main__":
    main()
