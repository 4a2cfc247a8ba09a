"""The pages in a real browser: every resource loads, the stylesheet applies, nothing scrolls
sideways at 1366 and 390 px, keyboard use works, and axe-core finds no WCAG 2.1 AA violation.

Drives Debian's chromium (apt-get install chromium) through Playwright; never a downloaded
browser. Outside CI the tests skip when chromium is missing; in CI they fail instead. Each page
is saved as a screenshot per width in $CI_ARTIFACTS/screenshots or build/screenshots, to look at.
"""

import os

import pytest
from django.urls import reverse

from samverka.core import accessibility, testing
from samverka.core.seeding import load_skaraborg
from samverka.core.tests._browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    WCAG_21_AA,
    ResourceWatch,
    layout_problems,
    screenshot_dir,
)

if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the test's own database work is
# still synchronous, so Django's guard against ORM calls from async code does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Every GET page a logged-in controller can open with the Skaraborg seed. Arguments are a list,
# or a function called once the seed is loaded (for keys that only the database knows).
PAGES = [
    ("core:overview", []),
    ("core:accessibility", []),
    ("accounts:login", []),
    ("orgs:index", []),
    ("orgs:members", []),
    ("orgs:member", ["1496"]),
    ("orgs:units", []),
    ("orgs:unit", ["kunskapsutveckling"]),
    ("orgs:unit_edit", ["kunskapsutveckling"]),
    ("orgs:bodies", []),
    ("orgs:body", ["direktion"]),
    ("orgs:networks", []),
    ("orgs:periods", []),
    ("orgs:period", [2026]),
    ("budget:index", []),
    ("budget:period", [2026]),
    ("budget:period", [2025]),
    ("budget:unit", [2026, "kunskapsutveckling"]),
    ("budget:line_edit", [2026, "kunskapsutveckling", "personal"]),
    ("budget:line_add", [2026, "kunskapsutveckling"]),
    ("budget:overhead", [2026]),
    ("budget:assumptions_edit", [2026]),
    ("budget:fees", [2026]),
    ("budget:targets", [2026]),
    ("budget:balance_sheet_edit", [2026]),
    ("budget:versions", [2025]),
    ("budget:import", [2026]),
    ("goals:index", []),
    ("goals:goal", ["mal-1"]),
    ("goals:indicator", ["befolkning"]),
    ("goals:indicator_edit", ["befolkning"]),
    ("goals:fetch_runs", []),
    ("goals:survey_import", []),
    ("plan:index", []),
    ("plan:activity", ["2026-kompetensforsorjning-och-utbildning-1"]),
    ("plan:activity_edit", ["2026-kompetensforsorjning-och-utbildning-1"]),
    ("plan:rounds", []),
    ("plan:programme", ["omstallning-skaraborg"]),
    ("plan:funding", ["omstallning-skaraborg"]),
    ("plan:plan_versions", ["omstallning-skaraborg", 2026]),
    ("plan:plan_version", ["omstallning-skaraborg", 2026, 1]),
    ("portfolio:index", []),
    ("portfolio:year", [2026]),
    ("portfolio:pipeline", []),
    ("portfolio:funders", []),
    ("portfolio:ending", []),
    ("portfolio:reconciliation", [2026]),
    ("portfolio:project", ["kompetensnavet"]),
    ("portfolio:project_edit", ["kompetensnavet"]),
    ("portfolio:project_create", []),
    ("ledger:index", []),
    ("ledger:upload", []),
    ("ledger:mapping", []),
    ("ledger:period", [2026]),
    ("ledger:unit", [2026, "kunskapsutveckling"]),
    ("decisions:index", []),
    ("orgs:population_add", ["1496"]),
    ("orgs:population_edit", ["1445", "2024-12-31"]),
    ("decisions:meeting", ["direktion", "2025-10-10"]),
    ("decisions:agenda_item_edit", ["direktion", "2025-10-10", 1]),
    ("decisions:obligations", []),
    ("accounts:password_change", []),
    ("decisions:meetings", []),
    ("decisions:meeting", ["direktion", "2025-12-12"]),
    ("reports:index", []),
    ("audit:history", ["orgs", "unit", "kunskapsutveckling"]),
]
WIDTHS = (1366, 390)


def _slug(key: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in key.replace(":", "-"))


def _url(name, args):
    return reverse(name, args=args() if callable(args) else args)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _seed():
    load_skaraborg()
    testing.make_controller_named("ekonom")


@pytest.fixture
def seeded_server(live_server):
    _seed()
    return live_server


def _new_page(browser, server, width=1280):
    context = browser.new_context(
        base_url=server.url, locale="sv-SE", viewport={"width": width, "height": 900}
    )
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    # Other apps' browser tests import this fixture (and `browser`) by name.
    _seed()
    context, page = _new_page(browser, live_server)
    yield page
    context.close()


def _log_in_with_the_keyboard(page):
    page.goto(reverse("accounts:login"))
    # The login form puts the cursor in the user name field, so a person can type at once.
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type("ekonom")
    page.keyboard.press("Tab")
    page.keyboard.type("pw")
    page.keyboard.press("Enter")
    page.wait_for_url("**/oversikt/")


def test_the_accessibility_statement_counts_exactly_the_pages_checked_here():
    assert len(PAGES) == accessibility.PAGES_CHECKED
    assert accessibility.WIDTHS_CHECKED == WIDTHS


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_loads_all_its_resources_is_styled_fits_the_width_and_passes_axe(
    browser, seeded_server, width
):
    from axe_playwright_python.sync_playwright import Axe

    context, page = _new_page(browser, seeded_server, width)
    watch = ResourceWatch()
    watch.attach(page)
    _log_in_with_the_keyboard(page)
    watch.take()
    axe = Axe()
    shots = screenshot_dir() / str(width)
    shots.mkdir(exist_ok=True)
    broken, unstyled, sideways, violations = {}, {}, {}, {}
    for name, args in PAGES:
        key = f"{name} {args if not callable(args) else ''}".strip()
        response = page.goto(_url(name, args), wait_until="load")
        problems = watch.take()
        if response is None or response.status >= 400:
            problems.insert(0, f"page answered {response.status if response else 'nothing'}")
        if problems:
            broken[key] = problems
        style, wide = layout_problems(page)
        if style:
            unstyled[key] = style
        if wide:
            sideways[key] = wide
        page.screenshot(path=shots / f"{_slug(key)}.png", full_page=True)
        found = axe.run(page, options=WCAG_21_AA).response["violations"]
        if found:
            violations[key] = [
                (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found
            ]
    context.close()
    assert broken == {}, "a page or one of its resources failed to load"
    assert unstyled == {}, "the stylesheet did not apply"
    assert sideways == {}, "the page scrolls sideways"
    assert violations == {}, "axe-core found WCAG 2.1 AA violations"


def test_a_person_logs_in_and_moves_through_the_menu_with_the_keyboard(page):
    _log_in_with_the_keyboard(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Skaraborgs Kommunalförbund"
    page.get_by_role("link", name="Organisation", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisation/")
    current = page.locator("nav a[aria-current=page]")
    assert current.inner_text() == "Organisation"


def test_on_a_phone_the_menu_folds_behind_a_button_that_opens_with_the_keyboard(
    browser, seeded_server
):
    context, page = _new_page(browser, seeded_server, 390)
    _log_in_with_the_keyboard(page)
    budget = page.get_by_role("link", name="Budget", exact=True)
    assert not budget.is_visible()
    page.locator(".nav-menu > summary").focus()
    page.keyboard.press("Enter")
    assert budget.is_visible()
    box = budget.bounding_box()
    assert box["height"] >= 44, "a tap target on a phone is at least 44 px high"
    budget.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/budget/")
    context.close()


def test_the_skip_link_moves_focus_to_the_main_content(page):
    _log_in_with_the_keyboard(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_controller_edits_a_budget_figure_in_its_row_and_the_summary_follows(page):
    _log_in_with_the_keyboard(page)
    page.goto(reverse("budget:unit", args=[2026, "kunskapsutveckling"]))
    row = page.locator("#line-ovriga-kostnader")
    summary = page.locator("#unit-summary")
    assert "1\u00a0000\u00a0000" not in summary.inner_text()
    row.get_by_role("link", name="Ändra").click()
    field = row.get_by_label("Belopp (kr)")
    field.wait_for()
    # The row became a form without leaving the page, with the cursor in the figure.
    assert page.url.endswith("/enhet/kunskapsutveckling/")
    # htmx moves the focus when the swapped row settles, a moment after it is in the page.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'amount'")
    field.fill("-1 000 000")
    page.keyboard.press("Enter")
    page.locator("#line-ovriga-kostnader td.num", has_text="1\u00a0000\u00a0000").wait_for()
    assert row.get_by_label("Belopp (kr)").count() == 0
    assert "1\u00a0000\u00a0000" in summary.inner_text()


def test_the_decision_register_filters_as_you_type(page):
    _log_in_with_the_keyboard(page)
    page.goto(reverse("decisions:index"))
    before = page.locator("#register-results tbody tr").count()
    page.get_by_label("Sök i rubrik, text, paragraf och diarienummer").press_sequentially("budget")
    page.wait_for_url("**q=budget**")
    rows = page.locator("#register-results tbody tr")
    assert 0 < rows.count() < before
    for text in rows.all_inner_texts():
        assert "budget" in text.lower()
