"""The header in English on a phone: "Search" is wider than "Sök", and the search form must
still shrink to the screen rather than push the page sideways."""

import pytest

from samverka.core.tests._browser import ResourceWatch, layout_problems, log_in
from samverka.core.tests.test_browser import browser, seeded_server  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
def test_the_header_fits_a_phone_in_either_language(browser, seeded_server, locale):  # noqa: F811
    context = browser.new_context(
        base_url=seeded_server.url, locale=locale, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    watch = ResourceWatch()
    watch.attach(page)
    try:
        log_in(page, "ekonom")
        expected = "Search" if locale == "en-US" else "Sök"
        assert page.locator(".site-search button").inner_text() == expected
        style, sideways = layout_problems(page)
        assert style == []
        assert sideways == []
        button = page.locator(".site-search button").bounding_box()
        assert button["x"] + button["width"] <= 390
        assert watch.take() == []
    finally:
        context.close()
