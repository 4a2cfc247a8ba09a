"""The administrator's pages (users, roles, seats) pass the automated WCAG 2.1 AA check.

They are not in core's PAGES list because its persona is a controller, who gets 403 here.
Set SAMVERKA_SCREENSHOTS=<dir> to save each page at 1366 and 390 px for a look by eye.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.core.tests._browser import axe_violations, log_in
from samverka.core.tests.test_browser import PAGES, browser  # noqa: F401 - fixture
from samverka.orgs.models import Seat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PAGES = [
    ("accounts:users", []),
    ("accounts:user_create", []),
    ("accounts:user", ["ekonom"]),
    ("orgs:body", ["direktion"]),
    ("orgs:seat_add", ["politisk-referensgrupp"]),
    ("orgs:members", []),
]


@pytest.fixture
def admin_page(browser, live_server, settings):  # noqa: F811
    load_skaraborg()
    settings.SCB_ONLINE = True  # show the "Hämta från SCB" forms too
    testing.make_controller_named("ekonom")
    testing.make_user(Role.ADMIN, username="admin")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    log_in(page, "admin")
    yield page
    context.close()


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("SAMVERKA_SCREENSHOTS")
    if not folder:
        return
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(Path(folder) / f"{name.replace(':', '-')}-{width}.png"), full_page=True
        )
    page.set_viewport_size({"width": 1366, "height": 900})


def test_the_administrators_pages_pass_an_automated_wcag_21_aa_check(admin_page):
    seat = Seat.objects.filter(body__code="direktion").order_by("member__name", "role").first()
    pages = ADMIN_PAGES + [("orgs:seat_edit", ["direktion", seat.key])]
    if os.environ.get("SAMVERKA_SCREENSHOTS"):
        pages += [p for p in PAGES if p[0].split(":")[0] in ("orgs", "decisions", "accounts")]
    failures = {}
    for name, args in pages:
        response = admin_page.goto(reverse(name, args=args))
        assert response.status < 400, name
        _screenshot(admin_page, name)
        violations = axe_violations(admin_page)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_an_error_summary_links_move_focus_to_the_field(admin_page):
    admin_page.goto(reverse("accounts:user_create"))
    admin_page.click("main form.stacked button[type=submit]")
    admin_page.wait_for_load_state()
    summary = admin_page.locator(".error-summary[role=alert]")
    assert summary.is_visible()
    _screenshot(admin_page, "accounts:user_create-errors")
    summary.locator("a[href='#id_username']").click()
    assert admin_page.evaluate("document.activeElement.id") == "id_username"
