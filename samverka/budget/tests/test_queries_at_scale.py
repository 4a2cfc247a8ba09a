"""The budget year page and a unit page read a fixed number of queries, however many units,
budget lines and projects the federation has: the figures, the checks and the reconciliation
with the projects are each read in one go, never per unit or per project."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.budget.models import LineKind
from samverka.budget.testing import make_line, make_stated
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.portfolio.testing import make_project, make_project_unit, set_year_budget

pytestmark = pytest.mark.django_db

# What the pages read with the Skaraborg seed (session, user and roles included). Before each
# page read its budget once and the reconciliation only the project unit's projects, the year
# page read 38 queries, 39 once projects ran (each running project's funders and decisions),
# and the unit page 32, then 33. One more each since the period's financial targets are read
# from the database rather than assumed.
YEAR_PAGE_QUERIES = 31
UNIT_PAGE_QUERIES = 29


@pytest.fixture
def controller(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    return client


def _add_units(count: int) -> Unit:
    """`count` more units with a budget for 2026 (a printed result off), and per unit a project
    of the project unit and one of another unit, running in 2026."""
    federation = Unit.objects.first().federation
    project_unit = make_project_unit(federation)
    period = PlanningPeriod.objects.get(year=2026)
    unit = None
    for n in range(count):
        unit = testing.make_unit(federation, sort_order=100 + Unit.objects.count())
        make_line(period, unit, LineKind.REVENUE_AS_PRINTED, 1_000_000 + n)
        make_line(period, unit, LineKind.PERSONNEL, -700_000)
        make_line(period, unit, LineKind.OTHER_COSTS, -200_000)
        make_line(period, unit, LineKind.OVERHEAD_COSTS, -100_000)
        make_stated(period, unit, "result", 1)
        set_year_budget(make_project(federation, owning_unit=project_unit), 2026, 100_000 + n)
        make_project(federation, owning_unit=unit, total_budget=Decimal(50_000))
    return unit


def _queries(client, url: str) -> int:
    client.get(url)  # the session's first request reads more (the CSRF secret is stored)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_draft_year_page_reads_as_many_queries_for_sixteen_units_as_for_six(controller):
    url = reverse("budget:period", args=[2026])
    seed = _queries(controller, url)
    unit = _add_units(10)
    larger = _queries(controller, url)
    assert larger == seed
    assert seed <= YEAR_PAGE_QUERIES
    page = controller.get(url).content.decode()
    assert f"Budget {unit.name}" in page
    assert "tryckt: 1 ⚠" in page


def test_a_unit_page_reads_as_many_queries_for_sixteen_units_as_for_six(controller):
    url = reverse("budget:unit", args=[2026, "kunskapsutveckling"])
    seed = _queries(controller, url)
    unit = _add_units(10)
    assert _queries(controller, url) == seed
    added = _queries(controller, reverse("budget:unit", args=[2026, unit.code]))
    assert added == seed
    assert seed <= UNIT_PAGE_QUERIES
