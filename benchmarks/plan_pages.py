"""How fast the plan's busiest pages render with a large plan.

Run from the repository root:  python benchmarks/plan_pages.py
Builds a throw-away SQLite database, loads Skaraborg, adds 600 activities (100 owners), a round
with 400 answers and 2 000 decisions, then times the plan index, the round page and the decision
register (median of 5 requests) and counts their queries. Writes docs/BENCHMARKS-plan.md.
"""

import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SAMVERKA_DATA_DIR", tempfile.mkdtemp(prefix="sv-bench-plan-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

ACTIVITIES, OWNERS, REPORTS, DECISIONS, RUNS = 600, 100, 400, 2000, 5


def build():
    from samverka.accounts.models import Role
    from samverka.core import testing
    from samverka.core.seeding import load_skaraborg
    from samverka.decisions.models import Decision
    from samverka.orgs.models import Federation, GoverningBody, PlanningPeriod
    from samverka.plan import followup
    from samverka.plan.models import Activity, PriorityArea

    call_command("migrate", verbosity=0)
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2026)
    areas = list(PriorityArea.objects.filter(period=period))
    owners = [testing.make_user(Role.READER, username=f"agare{i}") for i in range(OWNERS)]
    activities = [
        Activity.objects.create(
            priority_area=areas[i % len(areas)],
            code=f"bench-{i}",
            title=f"Aktivitet {i}",
            owner=owners[i % OWNERS],
            owner_name=f"Ägare {i % OWNERS}",
            sort_order=100 + i,
        )
        for i in range(ACTIVITIES)
    ]
    round_ = followup.open_round(
        period, code="bench", title="Uppföljning augusti 2026", deadline=datetime.date(2026, 8, 31)
    )
    for activity in activities[:REPORTS]:
        followup.submit_report(
            round_,
            activity,
            None,
            status="ongoing",
            judgement="on_track",
            comment="Pågår.",
            status_date=datetime.date(2026, 8, 20),
        )
    federation = Federation.objects.get(code="skaraborg")
    board = GoverningBody.objects.get(code="direktion")
    Decision.objects.bulk_create(
        Decision(
            federation=federation,
            body=board,
            date=datetime.date(2010 + i % 16, 1 + i % 12, 1),
            number=f"§ {i}",
            title=f"Beslut {i}",
            text="Direktionen beslutar enligt förslaget.",
        )
        for i in range(DECISIONS)
    )
    return testing.make_controller()


def measure(client, url):
    times, count = [], [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, count[0] // RUNS


def main():
    client = Client()
    client.force_login(build())
    pages = [
        ("Plan index, 624 activities", "/plan/"),
        ("Round page, 624 activities, 224 missing", "/plan/uppfoljning/bench/"),
        ("Decision register, 2 005 decisions", "/beslut/"),
        ("Decision register, search", "/beslut/?q=%C2%A7+19&ar=2019"),
    ]
    rows = [(label, *measure(client, url)) for label, url in pages]
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next(
        (line.split(":", 1)[1].strip() for line in lines if "model name" in line),
        platform.processor(),
    )
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks: plan and decisions pages",
        "",
        f"Machine: {nproc} CPUs, {cpu}; Python {platform.python_version()}; SQLite; "
        f"{datetime.date.today():%Y-%m-%d}. Script: `benchmarks/plan_pages.py` "
        f"(median of {RUNS} requests, test client, DEBUG settings).",
        "",
        "| page | median ms | queries |",
        "|---|---:|---:|",
        *(f"| {label} | {ms:.0f} | {q} |" for label, ms, q in rows),
        "",
    ]
    out = ROOT / "docs" / "BENCHMARKS-plan.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
