"""The goals pages read a fixed number of queries however many indicators, members and years."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core import testing
from samverka.goals.models import Measurement
from samverka.goals.testing import make_goal, make_indicator
from samverka.orgs.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation():
    federation = testing.make_federation()
    testing.make_period(federation, 2026)
    return federation


def _add(federation, indicators: int, members: int, years: int = 3):
    """Adds indicators with values for the area and for `members` more members."""
    start = Member.objects.count()
    areas = [None] + [
        testing.make_member(federation, name=f"Kommun {n}", municipality_code=f"{9000 + n}")
        for n in range(start, start + members)
    ]
    goal = make_goal(federation)
    made = [make_indicator(goal) for _ in range(indicators)]
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            year=2020 + year,
            member=member,
            value=Decimal(10 + year),
            origin=Measurement.Origin.KOLADA,
            source="test",
            fetched_at=timezone.now(),
        )
        for indicator in made
        for member in areas
        for year in range(years)
    )
    return made


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_goals_index_reads_as_many_queries_for_twenty_indicators_as_for_two(
    client, federation, django_assert_max_num_queries
):
    client.force_login(testing.make_reader())
    _add(federation, indicators=2, members=2)
    few = _queries(client, reverse("goals:index"))
    _add(federation, indicators=18, members=28)
    with django_assert_max_num_queries(few):
        client.get(reverse("goals:index"))


def test_an_indicator_page_reads_as_many_queries_for_thirty_members_as_for_two(
    client, federation, django_assert_max_num_queries
):
    client.force_login(testing.make_reader())
    small = _add(federation, indicators=1, members=2)[0]
    few = _queries(client, reverse("goals:indicator", args=[small.code]))
    large = _add(federation, indicators=1, members=28, years=10)[0]
    with django_assert_max_num_queries(few):
        html = client.get(reverse("goals:indicator", args=[large.code])).content.decode()
    assert "Kommun 29" in html
