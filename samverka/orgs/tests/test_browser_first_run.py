"""A second federation set up through the first-run page in chromium, then its budget validated.

Boråsregionen Sjuhärads kommunalförbund from an empty database: the form, the summary with the
populations, the budget page with the checks' findings, a line entered for its Kansli. Every step
passes axe (WCAG 2.1 AA) and the layout checks at 1366 and 390 px.
Set SAMVERKA_SCREENSHOTS=<dir> to save each step at 1366 and 390 px for a look by eye.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from samverka.core.tests._browser import axe_violations, layout_problems
from samverka.core.tests.test_browser import browser  # noqa: F401 - fixture
from samverka.orgs.models import Federation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKEN = "hemlig-nyckel-123"  # noqa: S105
PASSWORD = "ett-langt-losenord-2026"  # noqa: S105
SJUHARAD = ["1443", "1490", "1466", "1463", "1465", "1452", "1491", "1442"]


@pytest.fixture
def page(browser, live_server, settings):  # noqa: F811
    settings.SETUP_TOKEN = TOKEN
    settings.SCB_ONLINE = False
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def _look(page, name: str) -> list:
    """Axe and the layout at both widths; screenshots when asked for."""
    problems = []
    folder = os.environ.get("SAMVERKA_SCREENSHOTS")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        style, sideways = layout_problems(page)
        problems += [(name, width, p) for p in style + sideways]
    page.set_viewport_size({"width": 1366, "height": 900})
    problems += [(name, v) for v in axe_violations(page)]
    # Screenshots last: a full-page screenshot leaves styles behind that the probe would count.
    for width in (1366, 390) if folder else ():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    return problems


def test_a_second_federation_is_set_up_in_the_browser_and_its_budget_validated(page):
    problems = []
    page.goto(reverse("first_run:start"))
    problems += _look(page, "first-run-start")

    # A wrong token first: refused, nothing saved.
    page.fill("#id_token", "gissad")
    page.click("form.first-run button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert "Nyckeln stämmer inte." in page.locator(".error-summary").inner_text()
    problems += _look(page, "first-run-errors")
    assert not Federation.objects.exists()

    page.fill("#id_token", TOKEN)
    page.fill("#id_name", "Boråsregionen Sjuhärads kommunalförbund")
    page.fill("#id_short_name", "Sjuhärad")
    page.check("input[name=governance][value=direktion]")
    for code in SJUHARAD:
        page.check(f"input[name=members][value='{code}']")
    page.fill("#id_year", "2026")
    page.fill("#id_fee_per_inhabitant", "30,00")
    page.fill("#id_admin_username", "forvaltare")
    page.fill("#id_admin_password", PASSWORD)
    page.fill("#id_admin_password2", PASSWORD)
    page.click("form.first-run button[type=submit]")
    page.wait_for_url("**/kom-igang/kontrollera/")
    assert "Kontrollera uppgifterna" in page.locator("h1").inner_text()
    problems += _look(page, "first-run-check")

    page.fill("#population_1490", "115 000")
    page.fill("#population_1443", "9 800")
    page.click("form.first-run button[type=submit]")
    page.wait_for_url("**/budget/2026/")
    assert Federation.objects.get().name == "Boråsregionen Sjuhärads kommunalförbund"
    findings = page.locator(".findings").inner_text()
    assert "saknas för 6 av 8 medlemmar" in findings
    problems += _look(page, "first-run-budget")

    # A line for its Kansli through the budget's own form; the check sees it.
    page.goto(reverse("budget:line_add", args=[2026, "kansli"]))
    page.fill("#id_code", "medlemsavgifter")
    page.fill("#id_label", "Medlemsavgifter")
    page.select_option("#id_kind", "member_fees")
    page.fill("#id_amount", "4 000 000")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/enhet/kansli/")
    page.goto(reverse("budget:period", args=[2026]))
    findings = page.locator(".findings").inner_text()
    assert "enheternas rader för medlemsavgifter summerar till 4 000 000 kr" in findings.replace(
        "\u00a0", " "
    ).replace("\u202f", " ")

    # The page is gone once the federation exists.
    assert page.goto(reverse("first_run:start")).status == 404
    assert problems == []


def test_without_a_token_set_the_page_says_it_is_closed(page, settings):
    settings.SETUP_TOKEN = ""
    page.goto(reverse("first_run:start"))
    assert "SAMVERKA_SETUP_TOKEN" in page.locator("main").inner_text()
    assert page.locator("main form").count() == 0
    assert _look(page, "first-run-closed") == []
