"""The token pages in a real browser, at 1366 and 390 px: every resource loads, the stylesheet
applies, nothing scrolls sideways, axe-core finds no WCAG 2.1 AA violation; the new token's
secret is shown once. The API docs load everything from this server and nothing from another.
Screenshots land in build/screenshots/api/ (or $CI_ARTIFACTS)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.api import tokens
from samverka.core import testing
from samverka.core.tests._browser import (
    ResourceWatch,
    axe_violations,
    layout_problems,
    log_in,
    screenshot_dir,
)
from samverka.core.tests.test_browser import (  # noqa: F401 - fixtures
    _new_page,
    browser,
    seeded_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1366, 390)


def _check(page, watch, name: str, width: int) -> list[str]:
    problems = watch.take()
    style, sideways = layout_problems(page)
    problems += style + sideways
    problems += [f"axe: {rule} {help_} ({nodes})" for rule, help_, nodes in axe_violations(page)]
    shots = screenshot_dir() / "api" / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"{name}.png", full_page=True)
    return [f"{name} at {width}: {problem}" for problem in problems]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_token_pages_pass_the_checks_at_each_width(browser, seeded_server, width):  # noqa: F811
    admin = testing.make_user(Role.ADMIN, username="admin")
    tokens.create(admin, "Rapportskript")
    revoked, _secret = tokens.create(admin, "Gammalt skript")
    tokens.revoke(revoked)
    tokens.create(testing.make_user(Role.READER, username="anna"), "Annas kalkylark")
    context, page = _new_page(browser, seeded_server, width)
    watch = ResourceWatch()
    watch.attach(page)
    log_in(page, "admin")
    watch.take()
    problems = []
    for name, url in [
        ("tokens", reverse("api:tokens")),
        ("user-tokens", reverse("api:user_tokens", args=["anna"])),
        ("token-overview", reverse("api:token_overview")),
        ("user", reverse("accounts:user", args=["anna"])),
        ("users", reverse("accounts:users")),
    ]:
        page.goto(url)
        problems += _check(page, watch, name, width)

    page.goto(reverse("api:tokens"))
    page.get_by_label("Namn på nyckeln").fill("Ekonomisystemet")
    page.get_by_role("button", name="Skapa nyckel").click()
    page.get_by_role("heading", name="Ny API-nyckel").wait_for()
    secret = page.get_by_label("Nyckeln ”Ekonomisystemet”").input_value()
    problems += _check(page, watch, "token-created", width)
    context.close()

    assert problems == []
    assert len(secret) >= 43
    assert admin.api_tokens.get(name="Ekonomisystemet").prefix == secret[:8]


def test_a_user_revokes_a_token_with_the_keyboard(browser, seeded_server):  # noqa: F811
    testing.make_user(Role.READER, username="anna")
    from django.contrib.auth import get_user_model

    token, _secret = tokens.create(get_user_model().objects.get(username="anna"), "Skript")
    context, page = _new_page(browser, seeded_server)
    log_in(page, "anna")
    page.goto(reverse("api:tokens"))
    page.get_by_role("button", name="Återkalla Skript").focus()
    page.keyboard.press("Enter")
    page.get_by_text("är återkallad och fungerar inte längre").wait_for()
    context.close()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_api_docs_load_everything_from_this_server(browser, seeded_server):  # noqa: F811
    context, page = _new_page(browser, seeded_server)
    watch = ResourceWatch()
    watch.attach(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(reverse("api:docs"), wait_until="networkidle")
    page.get_by_text("Samverka API").first.wait_for()
    page.locator(".opblock").first.wait_for()
    shots = screenshot_dir() / "api"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / "docs.png", full_page=False)
    context.close()

    here = urlsplit(seeded_server.url).netloc
    assert watch.take() == []
    assert {urlsplit(url).netloc for url in requested if not url.startswith("data:")} == {here}
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
