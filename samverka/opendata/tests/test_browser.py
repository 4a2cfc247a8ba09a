"""The open data page in a real browser, logged out: it loads, is styled, fits a phone and
passes the automated WCAG 2.1 AA check (axe-core). Screenshots at 1366 and 390 px."""

import os

import pytest
from django.urls import reverse

from samverka.core.seeding import load_skaraborg
from samverka.core.tests._browser import (
    ResourceWatch,
    axe_violations,
    layout_problems,
    screenshot_dir,
)
from samverka.core.tests.test_browser import browser  # noqa: F401 - the shared fixture
from samverka.opendata.tests._helpers import adopt, revise

# Playwright's sync API runs an event loop in this thread; the database work is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", (1366, 390))
def test_the_open_data_page_works_logged_out_at_both_widths(browser, live_server, width):  # noqa: F811
    load_skaraborg()
    adopt(2026)
    revise(2026)
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    watch = ResourceWatch()
    watch.attach(page)
    response = page.goto(reverse("opendata:index"), wait_until="load")
    assert response is not None and response.status == 200
    assert page.url.endswith("/oppna-data/"), "no login asked"
    assert watch.take() == []
    style, sideways = layout_problems(page)
    assert style == [] and sideways == []
    page.locator("details.older-versions > summary").first.click()
    page.locator("#driftbudget details > summary").click()
    shots = screenshot_dir() / str(width)
    shots.mkdir(exist_ok=True)
    page.screenshot(path=shots / "opendata-index.png", full_page=True)
    assert axe_violations(page) == []
    # The footer leads every visitor here.
    page.goto(reverse("core:accessibility"))
    page.get_by_role("link", name="Öppna data").click()
    page.wait_for_url("**/oppna-data/")
    context.close()
