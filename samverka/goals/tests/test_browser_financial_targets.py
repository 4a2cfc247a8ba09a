"""The financial targets' pages pass the automated WCAG 2.1 AA check at 1366 and 390 px, with no
sideways scroll of the page: the targets page with the controller's links, each target's form,
a form with errors, and a year without targets.

Set SAMVERKA_SCREENSHOTS=<dir> to save each page at both widths for a look by eye.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.core.tests._browser import axe_violations, log_in
from samverka.core.tests.test_browser import browser  # noqa: F401 - fixture
from samverka.orgs.models import PlanningPeriod

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def controller_page(browser, live_server):  # noqa: F811
    load_skaraborg()
    PlanningPeriod.objects.create(federation=PlanningPeriod.objects.first().federation, year=2027)
    testing.make_controller_named("ekonom")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    log_in(page, "ekonom")
    yield page
    context.close()


def _check(page, name: str, width: int, failures: dict) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert scroll <= 0, f"{name} scrolls sideways at {width} px"
    folder = os.environ.get("SAMVERKA_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    violations = axe_violations(page)
    if violations:
        failures[f"{name}@{width}"] = violations


def test_the_financial_target_pages_pass_an_automated_wcag_21_aa_check(controller_page):
    page = controller_page
    failures: dict = {}
    pages = [
        ("targets-2026", reverse("budget:targets", args=[2026])),
        ("targets-2027-none", reverse("budget:targets", args=[2027])),
        ("edit-result", reverse("goals:financial_target_edit", args=[2026, "resultat"])),
        ("edit-solidity", reverse("goals:financial_target_edit", args=[2026, "soliditet"])),
    ]
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages:
            response = page.goto(url)
            assert response.status < 400, name
            _check(page, name, width, failures)
        page.goto(reverse("goals:financial_target_edit", args=[2027, "resultat"]))
        page.click("main form button[type=submit]")
        assert page.locator(".error-summary").is_visible()
        _check(page, "edit-with-errors", width, failures)
    assert failures == {}
