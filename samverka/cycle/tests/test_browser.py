"""The budget process's pages in chromium at 1366 and 390 px: every resource loads, the
stylesheet applies, nothing scrolls sideways, and axe-core finds no WCAG 2.1 AA violation."""

import os

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.core.tests._browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ResourceWatch,
    axe_violations,
    layout_problems,
    log_in,
    screenshot_dir,
)

if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)
CONTROLLER_PAGES = [
    ("cycle:status", [2027]),
    ("cycle:start_next_year", [2027]),
    ("cycle:unit", [2027, "kunskapsutveckling"]),
    ("cycle:send_back", [2027, "kunskapsutveckling"]),
    ("cycle:unit_text", [2027, "regional-utveckling"]),
    ("budget:unit", [2027, "kunskapsutveckling"]),
    ("budget:period", [2027]),
    ("core:overview", []),
]
UNIT_HEAD_PAGES = [
    ("budget:unit", [2027, "regional-utveckling"]),
    ("cycle:unit", [2027, "regional-utveckling"]),
]


def _seed() -> None:
    from samverka.cycle import rollover, submissions
    from samverka.orgs.models import PlanningPeriod, Unit

    load_skaraborg()
    controller = testing.make_controller_named("ekonom")
    new = rollover.start_next_year(PlanningPeriod.objects.get(year=2026), controller)
    knowledge = Unit.objects.get(code="kunskapsutveckling")
    regional = Unit.objects.get(code="regional-utveckling")
    head = testing.make_user("unit_manager", unit=regional, username="enhetschef")
    submissions.submit(submissions.for_unit(new, knowledge), controller, 1)
    submissions.submit(submissions.for_unit(new, regional), head, 1)
    submissions.send_back(
        submissions.for_unit(new, regional), controller, "Personalkostnaden saknar PO.", 2
    )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_budget_process_pages_load_fit_the_width_and_pass_axe(browser, live_server, width):
    _seed()
    shots = screenshot_dir() / str(width)
    shots.mkdir(exist_ok=True)
    problems = {}
    for username, pages in (("ekonom", CONTROLLER_PAGES), ("enhetschef", UNIT_HEAD_PAGES)):
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        watch = ResourceWatch()
        watch.attach(page)
        log_in(page, username)
        watch.take()
        for name, args in pages:
            key = f"{username} {name} {args}"
            response = page.goto(reverse(name, args=args), wait_until="load")
            found = watch.take()
            if response is None or response.status >= 400:
                found.insert(0, f"answered {response.status if response else 'nothing'}")
            style, wide = layout_problems(page)
            found += style + wide + [str(v) for v in axe_violations(page)]
            if found:
                problems[key] = found
            slug = "".join(c if c.isalnum() else "_" for c in key)
            page.screenshot(path=shots / f"cycle-{slug}.png", full_page=True)
        context.close()
    assert problems == {}


def test_the_unit_head_sees_the_comment_and_hands_in_again_from_the_unit_page(browser, live_server):
    _seed()
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    log_in(page, "enhetschef")
    page.goto(reverse("budget:unit", args=[2027, "regional-utveckling"]))
    panel = page.locator(".submission-panel")
    assert "Personalkostnaden saknar PO." in panel.inner_text()
    assert "Återsänd" in panel.inner_text()
    panel.get_by_role("button", name="Lämna in").click()
    page.wait_for_url("**/budgetprocess/2027/enhet/regional-utveckling/")
    assert "Inlämnad" in page.locator(".submission-panel").inner_text()
    context.close()
