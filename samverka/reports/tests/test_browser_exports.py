"""The download links of the table pages in a real browser: they sit beside the heading, fit a
phone, pass axe-core (also with the CSV list open) and give a file that reads like the page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samverka.core.tests._browser import axe_violations, layout_problems, screenshot_dir
from samverka.core.tests.test_browser import (  # noqa: F401 - fixtures
    _log_in_with_the_keyboard,
    _new_page,
    _seed,
    browser,
    page,
)
from samverka.goals.models import Indicator, Measurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seed_with_values():
    """The seed, and two values of an indicator (the seed has none: they are fetched)."""
    _seed()
    befolkning = Indicator.objects.get(code="befolkning")
    for year, value in [(2023, "267100"), (2024, "268788")]:
        Measurement.objects.create(
            indicator=befolkning,
            year=year,
            value=Decimal(value),
            origin=Measurement.Origin.SCB,
            source="SCB",
            fetched_at=timezone.now(),
        )


# The table pages that offer downloads (reports/exports.py), with their arguments.
TABLE_PAGES = [
    ("budget:period", [2026]),
    ("budget:unit", [2026, "kunskapsutveckling"]),
    ("budget:fees", [2026]),
    ("budget:targets", [2026]),
    ("goals:index", []),
    ("goals:indicator", ["befolkning"]),
    ("portfolio:index", []),
    ("portfolio:year", [2026]),
    ("portfolio:pipeline", []),
    ("portfolio:funders", []),
    ("decisions:index", []),
    ("plan:index", []),
    ("orgs:members", []),
]

LINKS_IN_VIEW = """() => {
  const box = document.querySelector('.downloads').getBoundingClientRect();
  const h1 = document.querySelector('h1').getBoundingClientRect();
  return {left: box.left, right: box.right, top: box.top, h1Bottom: h1.bottom,
          width: window.innerWidth};
}"""


@pytest.mark.parametrize("width", (1366, 390))
def test_every_table_page_shows_its_downloads_beside_the_heading_and_passes_axe(
    browser,  # noqa: F811
    live_server,
    width,
):
    _seed_with_values()
    context, page = _new_page(browser, live_server, width)  # noqa: F811
    _log_in_with_the_keyboard(page)
    shots = screenshot_dir() / "exports" / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    failures = {}
    for name, args in TABLE_PAGES:
        page.goto(reverse(name, args=args))
        problems = []
        box = page.evaluate(LINKS_IN_VIEW)
        if box["left"] < 0 or box["right"] > box["width"]:
            problems.append(f"the links stick out: {box}")
        # Near the heading: beside it on a wide screen, right under it on a phone.
        if box["top"] > box["h1Bottom"] + 24:
            problems.append(f"the links are not by the heading: {box}")
        problems += [p for group in layout_problems(page) for p in group]
        problems += axe_violations(page)
        page.screenshot(path=shots / f"{name.replace(':', '-')}.png", full_page=False)
        if problems:
            failures[name] = problems
    context.close()
    assert failures == {}


@pytest.mark.parametrize("width", (1366, 390))
def test_the_csv_list_of_a_page_with_several_tables_opens_without_script(
    browser,  # noqa: F811
    live_server,
    width,
):
    _seed()
    context, page = _new_page(browser, live_server, width)  # noqa: F811
    _log_in_with_the_keyboard(page)
    page.goto(reverse("budget:period", args=[2026]))
    page.locator(".downloads summary").click()
    item = page.get_by_role("link", name="Ladda ner som CSV: Budget Kunskapsutveckling")
    assert item.is_visible()
    box = item.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert axe_violations(page) == []
    shots = screenshot_dir() / "exports" / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / "budget-period-csv-open.png")
    context.close()


def test_the_excel_link_downloads_a_workbook_that_reads_like_the_page(page):  # noqa: F811
    _log_in_with_the_keyboard(page)
    page.goto(reverse("budget:period", args=[2026]))
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner budgeten 2026 som Excel (XLSX)").click()
    assert download.value.suggested_filename == "driftbudget-2026.xlsx"
    with open(download.value.path(), "rb") as file:
        workbook = load_workbook(file)
    rows = {r[0]: r for r in workbook["Sammanställning"].iter_rows(values_only=True) if r[0]}
    assert rows["INTÄKTER"][1:3] == (64295000, 60487000)
