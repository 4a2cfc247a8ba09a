"""A plan with hundreds of activities: the index shows each area's first ones and opens one
area page by page, in as many queries as for a small plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core import testing
from samverka.plan.models import Activity
from samverka.plan.testing import make_priority_area
from samverka.plan.views import ACTIVITIES_ON_INDEX, ACTIVITIES_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(client):
    client.force_login(testing.make_controller())
    period = testing.make_period(testing.make_federation(), 2026)
    make_priority_area(period, code="digitalisering", title="Digitalisering")
    return make_priority_area(period, code="kompetens", title="Kompetensförsörjning")


def _add(area, n: int) -> None:
    start = Activity.objects.count()
    Activity.objects.bulk_create(
        Activity(priority_area=area, code=f"a-{i}", title=f"Aktivitet {i:04d}", sort_order=i)
        for i in range(start, start + n)
    )


def test_the_index_shows_an_area_s_first_activities_and_links_to_all_of_them(client, area):
    _add(area, ACTIVITIES_ON_INDEX + 5)
    html = client.get(reverse("plan:index")).content.decode()
    assert html.count('<th scope="row"><a href="/plan/aktiviteter/a-') == ACTIVITIES_ON_INDEX
    assert f"Visa alla {ACTIVITIES_ON_INDEX + 5} aktiviteter i Kompetensförsörjning" in html
    assert "?ar=2026&amp;omrade=kompetens" in html


def test_one_area_is_shown_page_by_page(client, area):
    _add(area, ACTIVITIES_PER_PAGE + 3)
    url = reverse("plan:index")
    first = client.get(url, {"ar": 2026, "omrade": "kompetens"}).content.decode()
    assert first.count('<th scope="row"><a href="/plan/aktiviteter/a-') == ACTIVITIES_PER_PAGE
    assert f"Visar 1–{ACTIVITIES_PER_PAGE} av {ACTIVITIES_PER_PAGE + 3}" in first
    assert "Digitalisering" not in first
    last = client.get(url, {"ar": 2026, "omrade": "kompetens", "sida": 2}).content.decode()
    assert last.count('<th scope="row"><a href="/plan/aktiviteter/a-') == 3
    assert f"Aktivitet {ACTIVITIES_PER_PAGE + 2:04d}" in last


def test_an_unknown_area_is_not_found(client, area):
    response = client.get(reverse("plan:index"), {"ar": 2026, "omrade": "finns-inte"})
    assert response.status_code == 404


def test_the_index_reads_as_many_queries_for_three_hundred_activities_as_for_two(
    client, area, django_assert_max_num_queries
):
    _add(area, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("plan:index"))
    _add(area, 300)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("plan:index"))
