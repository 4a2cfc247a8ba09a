"""The plan's texts pages in a real browser: styled, no sideways scroll at 1366 and 390 px,
no WCAG 2.1 AA violation (axe-core), and a text saved with the keyboard alone."""

import pytest
from django.urls import reverse

from samverka.core.tests._browser import (
    ResourceWatch,
    axe_violations,
    layout_problems,
    screenshot_dir,
)
from samverka.core.tests.test_browser import (  # noqa: F401 - fixtures
    _log_in_with_the_keyboard,
    browser,
    page,
)
from samverka.reports.models import PlanText

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("plan_texts:index", [2026]),
    ("plan_texts:edit", [2026, "inledning"]),
    ("plan_texts:unit", [2026, "projektenhet"]),
]


@pytest.mark.parametrize("width", [1366, 390])
def test_the_texts_pages_are_styled_fit_the_width_and_pass_axe(page, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    watch = ResourceWatch()
    watch.attach(page)
    _log_in_with_the_keyboard(page)
    watch.take()
    shots = screenshot_dir() / str(width)
    shots.mkdir(exist_ok=True)
    failures = {}
    for name, args in PAGES:
        response = page.goto(reverse(name, args=args))
        style, sideways = layout_problems(page)
        problems = [*watch.take(), *style, *sideways, *axe_violations(page)]
        if response is None or response.status >= 400:
            problems.append("page answered an error")
        if problems:
            failures[name] = problems
        page.screenshot(path=shots / f"{name.replace(':', '-')}-{args[-1]}.png", full_page=True)
    assert failures == {}


def test_a_text_is_saved_with_the_keyboard_and_a_refused_save_lists_its_error(page):  # noqa: F811
    _log_in_with_the_keyboard(page)
    page.goto(reverse("plan_texts:edit", args=[2026, "nulage"]))
    field = page.locator("textarea[name=text]")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Läget är stabilt.")
    # Someone else saves the same text meanwhile: the form is refused, with an error summary.
    other = PlanText.objects.get(period__year=2026, section="nulage")
    other.text = "En annan version."
    other.save()
    page.get_by_role("button", name="Spara").press("Enter")
    summary = page.locator(".error-summary")
    assert "Texten sparades inte" in summary.inner_text()
    assert "En annan version." in page.locator(".plan-text-newer").inner_text()
    assert page.locator("textarea[name=text]").input_value() == "Läget är stabilt."
    assert axe_violations(page) == []
    # Saving again on purpose overwrites the other version.
    page.locator("textarea[name=text]").fill("Läget är stabilt.")
    page.get_by_role("button", name="Spara").press("Enter")
    page.wait_for_url("**/rapporter/2026/texter/")
    assert "Texten ”Nuläge och förutsättningar” sparades." in page.inner_text("main, body")
    assert PlanText.objects.get(period__year=2026, section="nulage").text == "Läget är stabilt."
