"""What the read endpoints answer: the objects by their codes, filters, pages in a stable
order, money as exact text, and a year's budget with the same figures and findings as the
budget pages."""

import pytest

from samverka.api.testing import build_world, client_for, token_for
from samverka.budget import validation
from samverka.budget.computations import load_budget
from samverka.budget.testing import make_line
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.lib.findings import Severity
from samverka.orgs.models import PlanningPeriod
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_a_list_is_paged_with_its_count(world):
    client = world.client("reader")

    page = client.get("/api/v1/budget-lines?limit=2&offset=1").json()

    assert page["count"] == 3 and len(page["items"]) == 2


def test_pages_put_together_give_the_whole_list_once(world):
    for n in range(7):
        make_line(world.period, world.unit_b, code=f"rad-{n}", amount=-n)
    client = world.client("reader")

    whole = [
        (i["year"], i["unit"], i["code"])
        for i in client.get("/api/v1/budget-lines").json()["items"]
    ]
    paged = []
    for offset in range(0, len(whole), 3):
        items = client.get(f"/api/v1/budget-lines?limit=3&offset={offset}").json()["items"]
        paged += [(i["year"], i["unit"], i["code"]) for i in items]

    assert paged == whole and len(set(whole)) == len(whole) == 10


def test_budget_lines_are_filtered_by_year_unit_and_kind(world):
    make_line(world.period, world.unit_a, "other_costs", -50, code="resor")
    client = world.client("reader")

    def codes(query):
        items = client.get(f"/api/v1/budget-lines?{query}").json()["items"]
        return sorted((i["year"], i["unit"], i["code"]) for i in items)

    assert codes("year=2025") == [(2025, "enhet-a", "personal")]
    assert codes("year=2026&unit=enhet-a") == [
        (2026, "enhet-a", "personal"),
        (2026, "enhet-a", "resor"),
    ]
    assert codes("year=2026&kind=other_costs") == [(2026, "enhet-a", "resor")]
    assert codes("total_table=true") == []


def test_money_is_text_with_two_decimals(world):
    client = world.client("reader")

    line = client.get("/api/v1/periods/2026/units/enhet-a/budget-lines/personal").json()
    fees = client.get("/api/v1/periods/2026/fees").json()

    assert line["amount"] == "-1000.00"
    assert fees["rate_per_inhabitant"] == "50.55"
    assert fees["members"] == [
        {"municipality_code": "1496", "name": "Skövde", "inhabitants": 58000, "fee": "2931900.00"}
    ]
    assert fees["difference"] == "0.00"


def test_measurements_are_filtered_by_indicator_area_and_year(world):
    client = world.client("reader")

    def count(query):
        return client.get(f"/api/v1/measurements?{query}").json()["count"]

    assert count("indicator=befolkning&area=1496&year=2024") == 1
    assert count("area=forbund") == 0  # the whole area's own value: none here
    assert count("year=2023") == 0
    item = client.get("/api/v1/measurements").json()["items"][0]
    assert item["area"] == "1496" and item["value"] == "58000.0000"


def test_projects_are_filtered_by_status_unit_and_funder(world):
    other = make_project(world.federation, code="annat", owning_unit=world.unit_b, status="idea")
    other.funders.add(world.funder)
    client = world.client("reader")

    def codes(query):
        return [p["code"] for p in client.get(f"/api/v1/projects?{query}").json()["items"]]

    assert codes("status=idea") == ["annat"]
    assert codes("unit=enhet-a") == ["projekt"]
    assert codes("funder=esf") == ["annat"]


def test_decisions_are_filtered_by_body_year_and_text_and_read_by_reference(world):
    client = world.client("reader")

    assert client.get("/api/v1/decisions?body=direktion&year=2025").json()["count"] == 1
    assert client.get("/api/v1/decisions?year=2024").json()["count"] == 0
    assert client.get("/api/v1/decisions?q=X").json()["count"] == 1
    decision = client.get("/api/v1/decisions/beslut-1").json()
    assert decision["ref"] == "beslut-1" and decision["body"] == "direktion"


def test_a_decision_without_a_code_is_read_by_its_id(world):
    world.decision.code = None
    world.decision.save()
    client = world.client("reader")

    ref = client.get("/api/v1/decisions").json()["items"][0]["ref"]

    assert ref == str(world.decision.pk)
    assert client.get(f"/api/v1/decisions/{ref}").json()["title"] == "X"


def test_a_member_comes_with_its_populations_and_a_body_with_its_seats(world):
    client = world.client("reader")

    member = client.get("/api/v1/members/1496").json()
    body = client.get("/api/v1/bodies/direktion").json()
    seat = client.get(f"/api/v1/bodies/direktion/seats/{world.seat.key}").json()

    assert member["populations"][0]["inhabitants"] == 58000
    assert member["populations"][0]["reference_date"] == "2024-12-31"
    assert [s["member"] for s in body["seats"]] == ["1496"]
    assert seat["role"] == "ordinary"


def test_an_activity_shows_its_unit_round_and_report(world):
    client = world.client("reader")

    activity = client.get("/api/v1/activities?unit=enhet-a").json()["items"][0]
    round_ = client.get("/api/v1/follow-up-rounds/omgang").json()
    report = client.get("/api/v1/follow-up-rounds/omgang/reports/aktivitet").json()

    assert activity["code"] == "aktivitet" and activity["priority_area"] == "omrade"
    assert round_["reports"] == 1 and round_["missing"] == []
    assert report["status"] == "ongoing" and report["status_date"] == "2026-08-01"


def test_the_years_budget_and_findings_are_the_budget_pages_figures():
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2026)
    client = client_for(token_for(testing.make_reader()))

    budget = client.get("/api/v1/periods/2026/budget").json()
    findings = client.get("/api/v1/periods/2026/findings").json()

    computed = load_budget(period)
    assert budget["consolidated"]["result"] == f"{computed.consolidated.result:.2f}"
    assert budget["consolidated"]["result"] == "-185000.00"
    assert budget["total_as_printed"]["stated"]["result"] == "185000.00"
    assert budget["previous_year"] == 2025
    expected = validation.run(period)
    assert [f["code"] for f in findings] == [f.code for f in expected]
    assert budget["findings"]["error"] == sum(1 for f in expected if f.severity == Severity.ERROR)
    errors = client.get("/api/v1/periods/2026/findings?severity=error").json()
    assert len(errors) == budget["findings"]["error"] == 6
    assert errors[0]["where"]["enhet"] == "Förbundskansli"
    assert errors[0]["difference"] == "370000.00"
