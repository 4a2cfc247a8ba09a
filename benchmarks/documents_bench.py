"""How long it takes to build and render the generated documents.

On a loaded Skaraborg database: the 2026 plan (build, then PDF, DOCX and HTML) and the board's
follow-up report of 2026-03-31 (build, then PDF and DOCX). Without the builders (or with
--synthetic) a synthetic plan-like document of about 25 pages instead, which needs no database.
Run from the repository root:

    SAMVERKA_DATA_DIR=/tmp/sv-bench .venv/bin/samverka migrate
    SAMVERKA_DATA_DIR=/tmp/sv-bench .venv/bin/samverka load-skaraborg
    SAMVERKA_DATA_DIR=/tmp/sv-bench .venv/bin/python benchmarks/documents_bench.py [--synthetic]

Writes nothing but its report (median and slowest of RUNS runs); paste it into
docs/BENCHMARKS.md. Goal: a PDF in 1–2 s, which is what a download waits for.
"""

import datetime
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

RUNS = 5
YEAR = 2026
FOLLOW_UP_ON = datetime.date(2026, 3, 31)


def timed(label: str, function, runs: int = RUNS):
    """Wall-clock and CPU time: on a shared machine the CPU time is what the code costs."""
    function()  # the first run loads fonts and templates; not what a user waits for
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(
        f"{label:<44} wall median {statistics.median(walls):6.2f} s, slowest {max(walls):6.2f} s;"
        f" CPU median {statistics.median(cpus):6.2f} s"
    )
    return result


def pages(pdf: bytes) -> int:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def render_all(name: str, build, formats=("pdf", "docx", "html")) -> None:
    from samverka.reports import outputs

    document = timed(f"{name}: build", build)
    for fmt in formats:
        rendered = timed(f"{name}: render {fmt}", lambda fmt=fmt: outputs.render(document, fmt))
        extra = f", {pages(rendered.content)} pages" if fmt == "pdf" else ""
        print(f"{'':<44} {len(rendered.content) / 1024:8.0f} kB{extra}")
    timed(f"{name}: build + PDF", lambda: outputs.render(build(), "pdf"))


def synthetic() -> None:
    from samverka.reports.tests._documents import sample_document

    render_all("synthetic plan, about 13 pages", lambda: sample_document(activities=60))
    render_all(
        "synthetic plan, about 30 pages", lambda: sample_document(chapters=4, activities=200)
    )


def skaraborg() -> None:
    from samverka.orgs.federation import period_for_year
    from samverka.reports import builders

    period = period_for_year(YEAR)
    if period is None:
        sys.exit(f"No period {YEAR}: load the Skaraborg data first (samverka load-skaraborg).")
    render_all(f"Budget och verksamhetsplan {YEAR}", lambda: builders.plan(period))
    render_all(
        f"Uppföljning per {FOLLOW_UP_ON}",
        lambda: builders.follow_up(period, FOLLOW_UP_ON),
        formats=("pdf", "docx"),
    )


def main() -> None:
    import weasyprint

    from samverka.reports import builders

    print(
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
        f"{RUNS} runs after one warm-up"
    )
    if "--synthetic" in sys.argv or not builders.has_plan():
        synthetic()
    else:
        skaraborg()


if __name__ == "__main__":
    main()
