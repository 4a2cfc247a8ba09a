"""Optimistic concurrency through the API, as on the pages: a write claims the version it read;
a stale one gets 409 with the object as it is now (version included) and changes nothing. A
create of an object that exists by now is refused the same way, also when two creates race
past the look-up and meet at the unique constraint."""

import pytest

from samverka.api import writing
from samverka.api.testing import build_world
from samverka.audit.models import LogEntry
from samverka.budget.models import BudgetLine
from samverka.goals.models import Measurement

pytestmark = pytest.mark.django_db
JSON = "application/json"
LINE = "/api/v1/periods/2026/units/enhet-a/budget-lines"
MEASUREMENT = "/api/v1/indicators/befolkning/measurements/2024/1496"
REPORT = "/api/v1/follow-up-rounds/omgang/reports/aktivitet"
REPORT_BODY = {"status_date": "2026-08-20", "status": "delayed", "judgement": "at_risk"}


@pytest.fixture
def world():
    return build_world()


def _stale(response, version: int) -> dict:
    assert response.status_code == 409, response.content
    body = response.json()
    assert "sparade posten" in body["detail"] and "controller" in body["detail"]
    assert body["current"]["version"] == version
    return body["current"]


def test_a_stale_budget_line_edit_gets_409_with_the_newer_line(world):
    client = world.client("controller")
    first = client.patch(f"{LINE}/personal", {"amount": "-1100", "version": 1}, content_type=JSON)
    assert first.status_code == 200 and first.json()["version"] == 2

    second = client.patch(f"{LINE}/personal", {"amount": "-1200", "version": 1}, content_type=JSON)

    current = _stale(second, 2)
    assert current["amount"] == "-1100.00"
    world.line_a.refresh_from_db()
    assert world.line_a.amount == -1100


def test_a_stale_delete_gets_409_and_the_line_stays(world):
    client = world.client("controller")
    client.patch(f"{LINE}/personal", {"label": "Lön", "version": 1}, content_type=JSON)

    response = client.delete(f"{LINE}/personal?version=1")

    assert _stale(response, 2)["label"] == "Lön"
    assert BudgetLine.objects.filter(pk=world.line_a.pk).exists()


def test_a_stale_measurement_gets_409(world):
    client = world.client("controller")
    body = {"value": "58 100", "source": "Årsredovisning", "version": 1}
    assert client.put(MEASUREMENT, body, content_type=JSON).status_code == 200

    response = client.put(MEASUREMENT, {**body, "value": "1"}, content_type=JSON)

    assert _stale(response, 2)["value"] == "58100.0000"
    assert Measurement.objects.get(pk=world.measurement.pk).value == 58100


def test_a_stale_activity_report_gets_409(world):
    client = world.client("manager_a")
    body = {**REPORT_BODY, "version": 1}
    assert client.put(REPORT, body, content_type=JSON).status_code == 200

    response = world.client("controller").put(
        REPORT, {**body, "comment": "Senare"}, content_type=JSON
    )

    assert response.status_code == 409
    assert response.json()["current"]["version"] == 2
    assert response.json()["current"]["comment"] == ""
    assert "manager_a" in response.json()["detail"]


def test_a_stale_project_edit_gets_409(world):
    client = world.client("controller")
    assert (
        client.patch(
            "/api/v1/projects/projekt", {"name": "Nytt namn", "version": 1}, content_type=JSON
        ).status_code
        == 200
    )

    response = client.patch(
        "/api/v1/projects/projekt", {"status": "closed", "version": 1}, content_type=JSON
    )

    current = _stale(response, 2)
    assert current["name"] == "Nytt namn" and current["status"] == "running"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", LINE, {"code": "personal", "kind": "personnel", "label": "P", "amount": "-1"}),
        ("put", MEASUREMENT, {"value": "1", "source": "Egen", "version": 0}),
        ("put", REPORT, {**REPORT_BODY, "version": 0}),
        ("post", "/api/v1/projects", {"code": "projekt", "name": "Dubblett"}),
    ],
    ids=["budget line", "measurement", "activity report", "project"],
)
def test_creating_what_exists_by_now_gets_409_with_the_existing_object(world, method, path, body):
    entries = LogEntry.objects.count()

    response = getattr(world.client("controller"), method)(path, body, content_type=JSON)

    assert response.status_code == 409, response.content
    assert response.json()["detail"].startswith("Posten finns redan")
    assert response.json()["current"]["version"] == 1
    assert LogEntry.objects.count() == entries  # nothing was written


def test_two_creates_racing_past_the_look_up_meet_at_the_unique_constraint(world, monkeypatch):
    """The second create passed every look-up (as if the first had not committed yet) and
    reaches the database's unique constraint: 409 with the winner's line, not a 500."""
    client = world.client("controller")
    body = {"code": "resor", "kind": "other_costs", "label": "Resor", "amount": "-500"}
    assert client.post(LINE, body, content_type=JSON).status_code == 201
    monkeypatch.setattr(writing, "exists_already", lambda *args: None)
    monkeypatch.setattr(BudgetLine, "existing_by_natural_key", _found_only_after_the_insert())

    response = client.post(LINE, {**body, "amount": "-700"}, content_type=JSON)

    assert response.status_code == 409, response.content
    assert response.json()["current"]["amount"] == "-500.00"
    assert BudgetLine.objects.filter(code="resor").count() == 1
    # The request's transaction goes on after the refused insert (a savepoint took it).
    assert client.get(f"{LINE}/resor").status_code == 200


def _found_only_after_the_insert():
    original = BudgetLine.existing_by_natural_key
    calls = {"n": 0}

    def look_up(self):
        calls["n"] += 1
        return None if calls["n"] == 1 else original(self)

    return look_up


def test_after_a_conflict_the_version_in_current_saves(world):
    client = world.client("controller")
    client.patch(f"{LINE}/personal", {"amount": "-1100", "version": 1}, content_type=JSON)
    stale = client.patch(f"{LINE}/personal", {"amount": "-1200", "version": 1}, content_type=JSON)

    retry = client.patch(
        f"{LINE}/personal",
        {"amount": "-1200", "version": stale.json()["current"]["version"]},
        content_type=JSON,
    )

    assert retry.status_code == 200
    assert retry.json() | {"version": 0} == stale.json()["current"] | {
        "amount": "-1200.00",
        "version": 0,
    }
