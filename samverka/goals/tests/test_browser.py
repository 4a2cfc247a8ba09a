"""The indicator page of a federation with many members in a real browser, at 1366 and 390 px:
every resource loads, the stylesheet applies, nothing scrolls sideways, axe-core finds no WCAG
2.1 AA violation; without JavaScript, a member is found by the search form and the next page
of members is one link away. Screenshots land in build/screenshots/goals/ (or $CI_ARTIFACTS)."""

import random
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

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
from samverka.goals.models import Indicator, Measurement
from samverka.orgs.models import Federation, Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1366, 390)


def _many_members() -> None:
    """Skaraborg's members and 60 more, ten years of two indicators for each and the area."""
    federation = Federation.objects.get()
    for n in range(60):
        testing.make_member(federation, name=f"Ort {n:02}", municipality_code=f"{2000 + n}")
    rng = random.Random(7)
    rows = []
    for code, low, high in (("befolkning", 3000, 60000), ("ekonomisk-hallbarhet", 200, 900)):
        indicator = Indicator.objects.get(code=code)
        for year in range(2015, 2025):
            values = {m: Decimal(rng.randint(low, high)) for m in Member.objects.all()}
            if code != "befolkning":
                values = {m: v / 10 for m, v in values.items()}
            values[None] = sum(values.values()) / (1 if code == "befolkning" else len(values))
            rows += [
                Measurement(
                    indicator=indicator,
                    year=year,
                    member=member,
                    value=value.quantize(Decimal("0.1")),
                    origin=Measurement.Origin.KOLADA,
                    source="Kolada",
                    fetched_at=timezone.now(),
                )
                for member, value in values.items()
            ]
    Measurement.objects.bulk_create(rows)


def _check(page, watch, name: str, width: int) -> list[str]:
    problems = watch.take()
    style, sideways = layout_problems(page)
    problems += style + sideways
    problems += [f"axe: {rule} {help_} ({nodes})" for rule, help_, nodes in axe_violations(page)]
    shots = screenshot_dir() / "goals" / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"{name}.png", full_page=True)
    return [f"{name} at {width}: {problem}" for problem in problems]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_indicator_page_with_75_members_passes_the_checks(browser, seeded_server, width):  # noqa: F811
    _many_members()
    context, page = _new_page(browser, seeded_server, width)
    watch = ResourceWatch()
    watch.attach(page)
    log_in(page, "ekonom")
    watch.take()
    problems = []
    for name, url in [
        ("indicator-sum", reverse("goals:indicator", args=["befolkning"])),
        ("indicator-mean", reverse("goals:indicator", args=["ekonomisk-hallbarhet"])),
        (
            "indicator-mean-search",
            reverse("goals:indicator", args=["ekonomisk-hallbarhet"]) + "?kommun=sk",
        ),
        ("indicator-page-2", reverse("goals:indicator", args=["befolkning"]) + "?sida=2"),
        ("goal", reverse("goals:goal", args=["mal-1"])),
    ]:
        page.goto(url)
        problems += _check(page, watch, name, width)
    context.close()
    assert not problems, "\n".join(problems)


def test_without_javascript_a_member_is_found_and_the_next_page_is_a_link(
    browser,  # noqa: F811
    seeded_server,  # noqa: F811
):
    _many_members()
    context = browser.new_context(
        base_url=seeded_server.url, locale="sv-SE", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, "ekonom")
    page.goto(reverse("goals:indicator", args=["ekonomisk-hallbarhet"]))

    page.get_by_role("link", name="Nästa sida").click()
    assert "sida=2" in page.url
    assert "Visar 26–50 av 75" in page.locator("nav.pagination").inner_text()
    assert page.locator("tbody.members th").count() == 25

    page.get_by_label("Kommun (namn eller kommunkod)").fill("Skövde")
    page.get_by_role("button", name="Visa", exact=True).click()
    assert page.locator("tbody.members th").all_inner_texts() == ["Skövde"]
    assert page.locator("svg.chart polyline.chosen").count() == 1
    context.close()
