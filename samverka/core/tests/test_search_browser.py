"""The header search and the charts in a real browser: keyboard, axe-core, a phone's width."""

import os

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.core.tests._browser import axe_violations, log_in
from samverka.core.tests.test_browser import browser  # noqa: F401 - the shared fixture

# Playwright's sync API runs an event loop in this thread; the database work is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):  # noqa: F811
    load_skaraborg()
    testing.make_user("reader", username="lasare")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    log_in(page, "lasare")
    yield page
    context.close()


def test_a_person_searches_from_the_header_with_the_keyboard(page):
    page.get_by_role("search", name="Sök i Samverka").get_by_label("Sök").focus()
    page.keyboard.type("lidköping")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=lidk%C3%B6ping")
    assert page.get_by_role("heading", level=1).inner_text() == "Sökresultat för ”lidköping”"
    page.get_by_role("link", name="Lidköping", exact=True).click()
    page.wait_for_url("**/organisation/kommuner/1494/")


@pytest.mark.parametrize("path", ["/sok/", "/sok/?q=omst%C3%A4llning", "/sok/?q=xyzzy"])
def test_the_search_pages_pass_an_automated_wcag_21_aa_check(page, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_the_timeline_fits_a_phone_without_sideways_scrolling(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("portfolio:index"))
    chart = page.locator("svg.gantt-chart")
    box = chart.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, "the chart fits the screen"
    # The names stay readable: 14 units of a 480-unit-wide chart drawn at least 340 px wide.
    assert box["width"] * 14 / 480 >= 9.9
