"""The project list and its timeline read as many queries for 300 projects as for two."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core import testing
from samverka.portfolio.models import Project
from samverka.portfolio.testing import make_funder, make_project, set_year_budget

pytestmark = pytest.mark.django_db
STATUSES = itertools.cycle(
    [Project.Status.RUNNING, Project.Status.APPLICATION, Project.Status.GRANTED]
)


def _add(federation, funder, n: int) -> None:
    start = Project.objects.count()
    for i in range(start, start + n):
        project = make_project(
            federation,
            code=f"p-{i}",
            name=f"Projekt {i:03d}",
            status=next(STATUSES),
            start=datetime.date(2024 + i % 3, 1 + i % 12, 1),
            end=datetime.date(2027 + i % 2, 6, 30),
        )
        project.funders.add(funder)
        set_year_budget(project, 2026, 100_000)


def test_the_list_and_timeline_of_three_hundred_projects_take_as_many_queries_as_two(
    client, django_assert_max_num_queries
):
    federation = testing.make_federation()
    funder = make_funder(name="Tillväxtverket")
    client.force_login(testing.make_reader())
    _add(federation, funder, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portfolio:index"))
    _add(federation, funder, 298)
    with django_assert_max_num_queries(len(few)):
        html = client.get(reverse("portfolio:index")).content.decode()
    assert html.count('class="gantt-bar') == 300
    assert "Projekt 299" in html and "Projekt 000" in html
