"""The single sign-on's pages in chromium: the login page with its button, then a real round
trip through the loopback provider to the page for an account without a role. Both pass the
automated WCAG 2.1 AA check at 1366 and 390 px, with the stylesheet applied and nothing
scrolling sideways."""

import pytest

from samverka.accounts.tests.oidc_provider import Provider
from samverka.core import testing
from samverka.core.tests._browser import axe_violations, layout_problems
from samverka.core.tests.test_browser import browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.SAMVERKA_OIDC_PROVIDER_NAME = "Skaraborgs kommunkonto"
        settings.SAMVERKA_OIDC_ROLE_MAP = "samverka-las=reader"
        running.login = {"sub": "s1", "preferred_username": "bo", "groups": ["alla-anstallda"]}
        yield running


def _check(page) -> list[str]:
    problems = []
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        style, sideways = layout_problems(page)
        problems += [f"{width} px: {p}" for p in style + sideways]
        problems += [f"{width} px: axe {v}" for v in axe_violations(page)]
    page.set_viewport_size({"width": 1366, "height": 900})
    return problems


def test_login_button_and_the_no_role_page_pass_the_checks(browser, live_server, provider):  # noqa: F811
    testing.make_federation(code="skaraborg", name="Skaraborgs Kommunalförbund")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.goto("/konto/logga-in/")
    assert not _check(page)
    page.get_by_role("link", name="Logga in med Skaraborgs kommunkonto").click()
    page.wait_for_url("**/konto/inloggning-nekad/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ditt konto har ingen roll i Samverka"
    )
    assert not _check(page)
    context.close()
