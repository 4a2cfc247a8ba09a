"""The pages in a real browser: keyboard use and an automated WCAG 2.1 AA check (axe-core).

Drives Debian's chromium (apt-get install chromium) through Playwright; never a downloaded
browser. Outside CI the tests skip when chromium is missing; in CI they fail instead.
"""

import os
import shutil

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the test's own database work is
# still synchronous, so Django's guard against ORM calls from async code does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("core:overview", []),
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
    ("budget:unit", [2026, "kunskapsutveckling"]),
    ("budget:fees", [2026]),
    ("budget:targets", [2026]),
    ("budget:overhead", [2026]),
    ("goals:index", []),
    ("plan:index", []),
    ("portfolio:index", []),
    ("decisions:index", []),
    ("orgs:population_add", ["1496"]),
    ("orgs:population_edit", ["1445", "2024-12-31"]),
    ("decisions:meeting", ["direktion", "2025-10-10"]),
    ("decisions:agenda_item_edit", ["direktion", "2025-10-10", 1]),
    ("decisions:obligations", []),
    ("accounts:password_change", []),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    load_skaraborg()
    testing.make_controller_named("ekonom")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
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


def test_a_person_logs_in_and_moves_through_the_menu_with_the_keyboard(page):
    _log_in_with_the_keyboard(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Skaraborgs Kommunalförbund"
    page.get_by_role("link", name="Organisation", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisation/")
    current = page.locator("nav a[aria-current=page]")
    assert current.inner_text() == "Organisation"


def test_the_skip_link_moves_focus_to_the_main_content(page):
    _log_in_with_the_keyboard(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_every_page_passes_an_automated_wcag_21_aa_check(page):
    from axe_playwright_python.sync_playwright import Axe

    _log_in_with_the_keyboard(page)
    axe = Axe()
    failures = {}
    for name, args in PAGES:
        page.goto(reverse(name, args=args))
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        violations = results.response["violations"]
        if violations:
            failures[name] = [(v["id"], v["help"], len(v["nodes"])) for v in violations]
    assert failures == {}
