"""The economic plan's pages pass the automated WCAG 2.1 AA check at 1366 and 390 px, with no
sideways scroll of the page.

Set SAMVERKA_SCREENSHOTS=<dir> to save each page at both widths for a look by eye.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.tests._browser import axe_violations, log_in
from samverka.core.tests.test_browser import browser  # noqa: F401 - fixture
from samverka.economy.testing import skaraborg_2026, stated_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def controller_page(browser, live_server):  # noqa: F811
    period = skaraborg_2026()
    user = testing.make_controller_named("ekonom")
    stated_scenario(period, "Index 3 %", user=user)
    stated_scenario(period, "Index 6 %", fee_indexation="6", user=user)
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    log_in(page, "ekonom")
    yield page
    context.close()


PAGES = [
    ("economy:plan", [2026]),
    ("economy:unit", [2026, "kunskapsutveckling"]),
    ("economy:scenarios", [2026]),
    ("economy:scenario_edit", [2026, "index-3"]),
    ("economy:compare", [2026]),
    ("economy:member_fees", [2026]),
]


def test_the_plan_pages_pass_an_automated_wcag_21_aa_check(controller_page):
    failures = {}
    folder = os.environ.get("SAMVERKA_SCREENSHOTS")
    for name, args in PAGES:
        for width in (1366, 390):
            controller_page.set_viewport_size({"width": width, "height": 900})
            response = controller_page.goto(reverse(name, args=args))
            assert response.status < 400, name
            scroll = controller_page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert scroll <= 0, f"{name} scrolls sideways at {width} px"
            if folder:
                path = Path(folder) / f"{name.replace(':', '-')}-{width}.png"
                controller_page.screenshot(path=str(path), full_page=True)
            violations = axe_violations(controller_page)
            if violations:
                failures[f"{name}@{width}"] = violations
    assert failures == {}
