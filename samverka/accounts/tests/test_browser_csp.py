"""Every page keeps to the Content-Security-Policy in a real browser: the policy is enforced
(as in production) and the test fails on any violation the page reports, or that chromium
logs, on each page of core's PAGES list, the login page and the API docs."""

import pytest
from django.urls import reverse

from samverka.core.tests._browser import ResourceWatch, log_in
from samverka.core.tests.test_browser import PAGES, _seed, _url, browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Injected by the driver before any of the page's own scripts: the policy does not apply to it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
    + (e.sourceFile ? ' in ' + e.sourceFile + ':' + e.lineNumber : ''));
});
"""


@pytest.fixture
def watched_page(browser, live_server):  # noqa: F811
    _seed()
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    logged = []
    page.on(
        "console",
        lambda message: (
            logged.append(message.text)
            if message.type == "error"
            and ("Content Security Policy" in message.text or "Permissions-Policy" in message.text)
            else None
        ),
    )
    yield page, logged
    context.close()


def _violations(page, logged) -> list[str]:
    found = page.evaluate("window.__violations") + logged
    logged.clear()
    return found


def test_the_login_page_keeps_to_the_content_security_policy(watched_page):
    page, logged = watched_page
    response = page.goto(reverse("accounts:login"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert _violations(page, logged) == []


def test_every_page_and_the_api_docs_keep_to_the_content_security_policy(watched_page):
    page, logged = watched_page
    watch = ResourceWatch()
    watch.attach(page)
    log_in(page, "ekonom")
    found = {}
    for name, args in [*PAGES, ("api:docs", [])]:
        page.goto(_url(name, args), wait_until="networkidle")
        violations = _violations(page, logged)
        if violations:
            found[f"{name} {args}"] = violations
    assert found == {}
    assert watch.take() == []


def test_the_api_docs_draw_the_operations_under_the_policy(watched_page):
    page, logged = watched_page
    page.goto(reverse("api:docs"))
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() > 10
    assert _violations(page, logged) == []


def test_an_inline_script_is_blocked_and_reported(watched_page):
    """The test's own check: a page that breaks the policy is caught."""
    page, logged = watched_page
    page.goto(reverse("accounts:login"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.ran") is None
    assert any("script-src" in v for v in _violations(page, logged))


def test_htmx_swaps_a_budget_row_and_filters_the_register_without_breaking_the_policy(
    watched_page,
):
    page, logged = watched_page
    log_in(page, "ekonom")
    page.goto(reverse("budget:unit", args=[2026, "kunskapsutveckling"]))
    row = page.locator("#line-ovriga-kostnader")
    row.get_by_role("link", name="Ändra").click()
    row.get_by_label("Belopp (kr)").fill("-1 000 000")
    page.keyboard.press("Enter")
    page.locator("#line-ovriga-kostnader td.num", has_text="1\u00a0000\u00a0000").wait_for()
    page.goto(reverse("decisions:index"))
    page.get_by_label("Sök i rubrik, text, paragraf och diarienummer").press_sequentially("budget")
    page.wait_for_url("**q=budget**")
    # htmx adds no <style> of its own (htmx-config: includeIndicatorStyles false).
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert _violations(page, logged) == []
