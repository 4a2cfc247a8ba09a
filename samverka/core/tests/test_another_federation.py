"""Another federation set up on an empty database sees its own name, never Skaraborg's."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.budget.models import LineKind
from samverka.budget.testing import make_line
from samverka.core import testing
from samverka.goals import testing as goals_testing
from samverka.goals.models import Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def fyrbodal(client):
    federation = testing.make_federation(
        code="fyrbodal", name="Fyrbodals kommunalförbund", short_name="Fyrbodal"
    )
    uddevalla, _trollhattan = goals_testing.make_members(
        federation, {"Uddevalla": "1485", "Trollhättan": "1488"}
    )
    unit = testing.make_unit(federation, code="kansli", name="Kansliet")
    period = testing.make_period(federation, 2026)
    make_line(period, None, LineKind.REVENUE_AS_PRINTED, 10_000_000, code="intakter")
    make_line(period, unit, LineKind.MEMBER_FEES, 4_000_000)
    goal = goals_testing.make_goal(federation, name="Fler i arbete")
    indicator = goals_testing.make_indicator(goal, name="Förvärvsarbetande")
    for member, value in ((None, 120_000), (uddevalla, 30_000)):
        Measurement.objects.create(
            indicator=indicator,
            year=2024,
            member=member,
            value=Decimal(value),
            origin=Measurement.Origin.MANUAL,
            source="test",
            fetched_at=timezone.make_aware(datetime.datetime(2025, 1, 1)),
        )
    client.force_login(testing.make_controller())
    return indicator


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_overview_shows_the_federation_and_its_members(client, fyrbodal):
    text = _page(client, reverse("core:overview"))
    assert "<h1>Fyrbodals kommunalförbund</h1>" in text
    assert "Uddevalla" in text
    assert "Skaraborg" not in text


def test_the_goal_pages_name_the_whole_area_by_the_federation(client, fyrbodal):
    index = _page(client, reverse("goals:index"))
    assert "det senaste utfallet för Fyrbodal" in index
    goal = _page(client, reverse("goals:goal", args=[fyrbodal.goal.code]))
    assert "Senaste utfall för Fyrbodal" in goal
    assert '<th scope="row">Fyrbodal</th>' in goal  # the whole area's row in the table
    detail = _page(client, reverse("goals:indicator", args=[fyrbodal.code]))
    assert "Värde för Fyrbodal" in detail
    assert f'/{fyrbodal.code}/varde/2024/fyrbodal/">Fyrbodal</a>' in detail  # its edit link
    for text in (index, goal, detail):
        assert "Skaraborg" not in text


def test_the_budget_page_titles_the_total_with_the_federations_name(client, fyrbodal):
    text = _page(client, reverse("budget:period", args=[2026]))
    assert "Fyrbodals kommunalförbund Driftbudget, totalt (som tryckt)" in text
    assert "Skaraborg" not in text


def test_a_value_for_the_whole_area_is_edited_under_the_federations_code(client, fyrbodal):
    url = reverse("goals:measurement_edit", args=[fyrbodal.code, 2024, "fyrbodal"])
    assert "Värde för Fyrbodal 2024" in _page(client, url)
    wrong = reverse("goals:measurement_edit", args=[fyrbodal.code, 2024, "skaraborg"])
    assert client.get(wrong).status_code == 404
