"""The reports pages and the standalone document in a real browser: axe-core finds no WCAG 2.1 AA
violation, nothing scrolls sideways at 1366 and 390 px, and each page is saved as a screenshot."""

import datetime

import pytest
from django.urls import reverse

from samverka.core.tests._browser import axe_violations, layout_problems, screenshot_dir
from samverka.core.tests.test_browser import (  # noqa: F401 - fixtures
    _log_in_with_the_keyboard,
    browser,
    page,
)
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PlanningPeriod
from samverka.reports import html
from samverka.reports.tests._documents import sample_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)
STANDALONE = html.render(sample_document(activities=8)).decode()


def _adopt_2026() -> None:
    period = PlanningPeriod.objects.get(year=2026)
    decision = Decision.objects.create(
        federation=period.federation,
        body=period.federation.bodies.get(code="direktion"),
        number="§ 45",
        date=datetime.date(2025, 11, 21),
        title="Budget och verksamhetsplan 2026",
    )
    periods.adopt(period, decision, errors_acknowledged=True)


def _check(tab, name: str, url: str | None, width: int, failures: dict) -> None:
    # A fresh load for each width: axe leaves its own styles in the page it checked.
    tab.set_viewport_size({"width": width, "height": 900})
    if url:
        tab.goto(url)
        style, sideways = layout_problems(tab)
    else:
        tab.set_content(STANDALONE)
        wide = tab.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        style, sideways = [], ["scrolls sideways"] if wide else []
    problems = [*style, *sideways, *axe_violations(tab)]
    if problems:
        failures[f"{name} {width}"] = problems
    tab.screenshot(path=screenshot_dir() / f"reports-{name}-{width}.png", full_page=True)


def test_the_reports_pages_pass_axe_and_fit_a_phone(builders, page):  # noqa: F811
    _log_in_with_the_keyboard(page)
    failures: dict = {}
    pages = [
        ("index", reverse("reports:index")),
        ("plan-draft", reverse("reports:plan", args=[2026])),
        ("plan-adopted-before-storing", reverse("reports:plan", args=[2025])),
        ("follow-up-error", reverse("reports:follow_up", args=[2026]) + "?datum=31%2F3"),
    ]
    for name, url in pages:
        for width in WIDTHS:
            _check(page, name, url, width, failures)
    _adopt_2026()
    for name, url in [
        ("index-adopted", reverse("reports:index")),
        ("plan-adopted", reverse("reports:plan", args=[2026])),
    ]:
        for width in WIDTHS:
            _check(page, name, url, width, failures)
    assert failures == {}


def test_the_standalone_document_passes_axe(browser):  # noqa: F811
    context = browser.new_context(locale="sv-SE")
    tab = context.new_page()
    failures: dict = {}
    for width in WIDTHS:
        _check(tab, "standalone", None, width, failures)
    context.close()
    assert failures == {}


def test_the_2026_plan_built_from_the_data_passes_axe_as_a_page_and_as_a_file(page):  # noqa: F811
    # The real plan, not the sample: its goal charts, budget tables and findings appendix.
    from samverka.reports import builders as real_builders

    _log_in_with_the_keyboard(page)
    failures: dict = {}
    for width in WIDTHS:
        _check(page, "plan-2026-real", reverse("reports:plan", args=[2026]), width, failures)
    standalone = html.render(real_builders.plan(PlanningPeriod.objects.get(year=2026))).decode()
    # Opened as a file, without the site's Content-Security-Policy: set_content on a page of the
    # site would keep that page's policy, which forbids the file's own <style>.
    page.goto("about:blank")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.set_content(standalone)
        problems = axe_violations(page)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append("scrolls sideways")
        if problems:
            failures[f"plan-2026-file {width}"] = problems
    assert failures == {}
