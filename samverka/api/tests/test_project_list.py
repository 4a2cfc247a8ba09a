"""The project list: pages with links to the next and previous page, a default and a largest
page size the schema states, and as many queries for forty projects as for two."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from samverka.api.testing import build_world
from samverka.portfolio.models import Financing
from samverka.portfolio.testing import make_funder, make_project, set_year_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _add_projects(world, count: int, first: int = 0) -> None:
    funder = make_funder()
    for n in range(first, first + count):
        project = make_project(
            world.federation,
            code=f"p-{n:03}",
            name=f"P {n:03}",
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2028, 12, 31),
            total_budget=Decimal(3_000_000),
        )
        project.funders.add(funder)
        project.decisions.add(world.decision)
        project.managers.add(world.users["project_manager"])
        set_year_budget(project, 2026, 900_000)
        Financing.objects.create(
            project=project, year=2026, kind="external", funder=funder, amount=Decimal(500_000)
        )
        Financing.objects.create(project=project, year=2026, kind="own", amount=Decimal(10_000))


def test_the_next_links_walk_the_whole_list_once_with_its_filter(world):
    _add_projects(world, 5)
    client = world.client("reader")

    url, seen = "/api/v1/projects?status=running&limit=2", []
    while url:
        page = client.get(url).json()
        assert page["count"] == 6
        seen += [p["code"] for p in page["items"]]
        url = page["next"]
        assert url is None or ("status=running" in url and "limit=2" in url)

    assert len(seen) == 6 and len(set(seen)) == 6


def test_the_first_page_has_no_previous_link_and_the_last_no_next(world):
    _add_projects(world, 4)
    client = world.client("reader")

    first = client.get("/api/v1/projects?limit=2").json()
    last = client.get("/api/v1/projects?limit=2&offset=4").json()

    assert first["previous"] is None and first["next"].endswith("limit=2&offset=2")
    assert last["next"] is None and last["previous"].endswith("limit=2&offset=2")


def test_the_schema_states_the_default_and_the_largest_page(world):
    schema = world.client("reader").get("/api/v1/openapi.json").json()
    limit = next(
        p for p in schema["paths"]["/api/v1/projects"]["get"]["parameters"] if p["name"] == "limit"
    )

    assert limit["schema"]["default"] == DEFAULT_LIMIT == 100
    assert limit["schema"]["maximum"] == MAX_LIMIT
    assert world.client("reader").get(f"/api/v1/projects?limit={MAX_LIMIT + 1}").status_code == 422


def test_a_project_comes_with_its_years_financing_funders_and_managers(world):
    _add_projects(world, 1)

    project = world.client("reader").get("/api/v1/projects/p-000").json()

    assert project["status_label"] == "pågår"
    assert project["funders"] and project["decisions"] == ["beslut-1"]
    assert project["managers"] == ["project_manager"]
    assert [(y["year"], y["budget"]) for y in project["year_figures"]] == [(2026, "900000.00")]
    assert [(f["kind"], f["funder"] is not None) for f in project["financing"]] == [
        ("external", True),
        ("own", False),
    ]
    assert [b["basis"] for b in project["budget_by_year"]] == ["stated", "spread", "spread"]


def test_forty_projects_take_as_many_queries_as_two(world, django_assert_max_num_queries):
    client = world.client("reader")
    _add_projects(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/projects").json()["items"]) == 3
    _add_projects(world, 38, first=2)
    with django_assert_max_num_queries(len(few)):
        assert len(client.get("/api/v1/projects").json()["items"]) == 41
