"""The member list: each member with its newest population figure, read in as many queries for
forty members with ten years each as for two."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core import testing
from samverka.goals.testing import give_population
from samverka.orgs.tables import members_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def federation():
    return testing.make_federation()


def _members(federation, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        member = testing.make_member(
            federation, name=f"Ort {n:02}", municipality_code=f"{1400 + n}"
        )
        for year in range(2015, 2025):
            give_population(member, year, 10_000 + 100 * n + year - 2015)


def test_each_member_shows_its_newest_figure_and_the_download_the_same(client, federation):
    client.force_login(testing.make_reader())
    _members(federation, 2)
    testing.make_member(federation, name="Ort utan siffra", municipality_code="1499")

    html = client.get(reverse("orgs:members")).content.decode()

    assert "10\u00a0009 (2024-12-31)" in html and "10\u00a0109 (2024-12-31)" in html
    assert "10\u00a0008" not in html
    rows = {row.values[1]: row.values[2] for row in members_table().rows}
    assert rows == {"Ort 00": 10_009, "Ort 01": 10_109, "Ort utan siffra": None}


def test_forty_members_take_as_many_queries_as_two(
    client, federation, django_assert_max_num_queries
):
    client.force_login(testing.make_reader())
    _members(federation, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("orgs:members"))
    _members(federation, 38, first=2)
    with django_assert_max_num_queries(len(few)):
        html = client.get(reverse("orgs:members")).content.decode()
    assert "13\u00a0909 (2024-12-31)" in html
