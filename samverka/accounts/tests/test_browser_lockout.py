"""The login page with its error and the lockout page in a real browser: axe-clean at 1366 and
390 px, styled like the rest, keeping to the Content-Security-Policy.
Set SAMVERKA_SCREENSHOTS=<dir> to save them for a look by eye."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.core.tests._browser import axe_violations, layout_problems, log_in
from samverka.core.tests.test_browser import _seed, browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server, settings):  # noqa: F811
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    _seed()
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def _try(page, password: str):
    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", "ekonom")
    page.fill("input[name=password]", password)
    with page.expect_navigation() as navigation:
        page.press("input[name=password]", "Enter")
    return navigation.value


def _check(page, name: str) -> None:
    # Screenshots and axe leave attributes and styles of their own in the page: they come last.
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert layout_problems(page) == ([], []), (name, width)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], (name, width)
    folder = os.environ.get("SAMVERKA_SCREENSHOTS")
    for width in (1366, 390) if folder else ():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


def test_the_failed_login_and_the_lockout_page_pass_axe_and_fit_a_phone(page):
    response = _try(page, "fel lösenord")
    assert response.status == 200
    assert page.get_by_role("alert").is_visible()
    _check(page, "login-failed")
    for _attempt in range(4):
        response = _try(page, "fel lösenord")
    response = _try(page, "pw")
    assert response.status == 429
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Inloggningen är tillfälligt spärrad"
    )
    _check(page, "locked-out")
    # The administrator sees the lock on the user's page and lifts it.
    testing.make_user(Role.ADMIN, username="admin")
    page.context.clear_cookies()
    log_in(page, "admin")
    page.goto(reverse("accounts:user", args=["ekonom"]))
    _check(page, "user-locked")
    page.get_by_role("button", name="Lås upp").click()
    page.get_by_text("ekonom kan logga in igen från alla adresser.").wait_for()
    assert page.get_by_role("button", name="Lås upp").count() == 0
