"""Every operation of the API against every persona: anonymous, a revoked token and a
deactivated user's token get 401; a reader reads but may not write (403); a unit manager of
another unit may not write to unit A (403), nor a project manager to a project they do not
lead; the owner of the object (unit A's manager, the project's manager), a controller and an
administrator may. The pages' matrix is accounts/access_matrix.py (docs/ACCESS.md).

The table names every operation once; a test fails when the API has one the table lacks, so a
new endpoint cannot ship without its row. Each persona's call runs in a savepoint that is
rolled back, so every call meets the same data.
"""

import pytest
from django.db import transaction

from samverka.api.testing import build_world
from samverka.api.v1 import api

READ, WRITE = "read", "write"
PERSONAS = [
    "anonymous",
    "revoked",
    "deactivated",
    "no_role",
    "reader",
    "manager_a",
    "manager_b",
    "project_manager",
    "project_manager_b",
    "owner",
    "controller",
    "admin",
]

LINE = "/api/v1/periods/2026/units/enhet-a/budget-lines"
REPORT = "/api/v1/follow-up-rounds/omgang/reports/aktivitet"
MEASUREMENT = "/api/v1/indicators/befolkning/measurements/2024/1496"


def _seat(world) -> str:
    return f"/api/v1/bodies/direktion/seats/{world.seat.key}"


# (method, path in the schema) -> (kind, concrete path, body, owner persona, success status)
OPERATIONS = {
    ("get", "/api/v1/me"): (READ, "/api/v1/me", None, None, 200),
    ("get", "/api/v1/federation"): (READ, "/api/v1/federation", None, None, 200),
    ("get", "/api/v1/members"): (READ, "/api/v1/members", None, None, 200),
    ("get", "/api/v1/members/{municipality_code}"): (READ, "/api/v1/members/1496", None, None, 200),
    ("get", "/api/v1/units"): (READ, "/api/v1/units", None, None, 200),
    ("get", "/api/v1/units/{code}"): (READ, "/api/v1/units/enhet-a", None, None, 200),
    ("get", "/api/v1/bodies"): (READ, "/api/v1/bodies", None, None, 200),
    ("get", "/api/v1/bodies/{code}"): (READ, "/api/v1/bodies/direktion", None, None, 200),
    ("get", "/api/v1/bodies/{code}/seats/{key}"): (READ, _seat, None, None, 200),
    ("get", "/api/v1/periods"): (READ, "/api/v1/periods", None, None, 200),
    ("get", "/api/v1/periods/{year}"): (READ, "/api/v1/periods/2026", None, None, 200),
    ("get", "/api/v1/budget-lines"): (READ, "/api/v1/budget-lines?year=2026", None, None, 200),
    ("get", "/api/v1/periods/{year}/units/{unit}/budget-lines/{code}"): (
        READ,
        f"{LINE}/personal",
        None,
        None,
        200,
    ),
    ("post", "/api/v1/periods/{year}/units/{unit}/budget-lines"): (
        WRITE,
        LINE,
        {"code": "resor", "kind": "other_costs", "label": "Resor", "amount": "-5000"},
        "manager_a",
        201,
    ),
    ("patch", "/api/v1/periods/{year}/units/{unit}/budget-lines/{code}"): (
        WRITE,
        f"{LINE}/personal",
        {"amount": "-1 500", "version": 1},
        "manager_a",
        200,
    ),
    ("delete", "/api/v1/periods/{year}/units/{unit}/budget-lines/{code}"): (
        WRITE,
        f"{LINE}/personal?version=1",
        None,
        "manager_a",
        204,
    ),
    ("get", "/api/v1/periods/{year}/budget"): (
        READ,
        "/api/v1/periods/2026/budget",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/periods/{year}/findings"): (
        READ,
        "/api/v1/periods/2026/findings",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/periods/{year}/fees"): (READ, "/api/v1/periods/2026/fees", None, None, 200),
    ("get", "/api/v1/goals"): (READ, "/api/v1/goals", None, None, 200),
    ("get", "/api/v1/goals/{code}"): (READ, "/api/v1/goals/mal-1", None, None, 200),
    ("get", "/api/v1/indicators"): (READ, "/api/v1/indicators", None, None, 200),
    ("get", "/api/v1/indicators/{code}"): (READ, "/api/v1/indicators/befolkning", None, None, 200),
    ("get", "/api/v1/measurements"): (READ, "/api/v1/measurements", None, None, 200),
    ("get", "/api/v1/indicators/{code}/measurements/{year}/{area}"): (
        READ,
        MEASUREMENT,
        None,
        None,
        200,
    ),
    ("put", "/api/v1/indicators/{code}/measurements/{year}/{area}"): (
        WRITE,
        MEASUREMENT,
        {"value": "58 100", "source": "Årsredovisning", "version": 1},
        "controller",
        200,
    ),
    ("get", "/api/v1/priority-areas"): (READ, "/api/v1/priority-areas", None, None, 200),
    ("get", "/api/v1/periods/{year}/priority-areas/{code}"): (
        READ,
        "/api/v1/periods/2026/priority-areas/omrade",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/activities"): (READ, "/api/v1/activities", None, None, 200),
    ("get", "/api/v1/activities/{code}"): (READ, "/api/v1/activities/aktivitet", None, None, 200),
    ("get", "/api/v1/follow-up-rounds"): (READ, "/api/v1/follow-up-rounds", None, None, 200),
    ("get", "/api/v1/follow-up-rounds/{code}"): (
        READ,
        "/api/v1/follow-up-rounds/omgang",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/follow-up-rounds/{code}/reports"): (
        READ,
        "/api/v1/follow-up-rounds/omgang/reports",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/follow-up-rounds/{code}/reports/{activity}"): (READ, REPORT, None, None, 200),
    ("put", "/api/v1/follow-up-rounds/{code}/reports/{activity}"): (
        WRITE,
        REPORT,
        {
            "status_date": "2026-08-20",
            "status": "delayed",
            "judgement": "at_risk",
            "comment": "Leverantören är sen.",
            "version": 1,
        },
        "manager_a",
        200,
    ),
    ("get", "/api/v1/programmes"): (READ, "/api/v1/programmes", None, None, 200),
    ("get", "/api/v1/programmes/{code}"): (READ, "/api/v1/programmes/uppdrag", None, None, 200),
    ("get", "/api/v1/programmes/{code}/activity-plans"): (
        READ,
        "/api/v1/programmes/uppdrag/activity-plans",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/programmes/{code}/activity-plans/{year}/{number}"): (
        READ,
        "/api/v1/programmes/uppdrag/activity-plans/2026/1",
        None,
        None,
        200,
    ),
    ("get", "/api/v1/funders"): (READ, "/api/v1/funders", None, None, 200),
    ("get", "/api/v1/projects"): (READ, "/api/v1/projects", None, None, 200),
    ("get", "/api/v1/projects/{code}"): (READ, "/api/v1/projects/projekt", None, None, 200),
    ("post", "/api/v1/projects"): (
        WRITE,
        "/api/v1/projects",
        {"code": "nytt", "name": "Nytt projekt", "status": "application", "funders": ["esf"]},
        "controller",
        201,
    ),
    ("patch", "/api/v1/projects/{code}"): (
        WRITE,
        "/api/v1/projects/projekt",
        {"status": "closing", "version": 1},
        "project_manager",
        200,
    ),
    ("get", "/api/v1/decisions"): (READ, "/api/v1/decisions?year=2025", None, None, 200),
    ("get", "/api/v1/decisions/{ref}"): (READ, "/api/v1/decisions/beslut-1", None, None, 200),
}


def expected_status(kind: str, persona: str, success: int, path: str, owner=None) -> int:
    if persona in ("anonymous", "revoked", "deactivated"):
        return 401
    if path == "/api/v1/me":
        return success  # who am I: answered for every caller, also one without a role
    if persona == "no_role":
        return 403
    if kind == READ or persona in ("owner", owner, "controller", "admin"):
        return success
    return 403


def call(world, method: str, path, body, persona: str, owner: str | None):
    path = path(world) if callable(path) else path
    client = world.client(owner if persona == "owner" else persona)
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


def test_the_table_names_every_operation_of_the_api():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = {(method, path) for path, methods in schema["paths"].items() for method in methods}
    assert operations == set(OPERATIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(OPERATIONS), ids=lambda op: f"{op[0].upper()} {op[1]}")
def test_each_persona_gets_what_its_role_allows(operation):
    world = build_world()
    kind, path, body, owner, success = OPERATIONS[operation]
    wrong = []
    for persona in PERSONAS:
        with transaction.atomic():
            response = call(world, operation[0], path, body, persona, owner or "reader")
            transaction.set_rollback(True)
        wanted = expected_status(kind, persona, success, operation[1], owner)
        if response.status_code != wanted:
            wrong.append(
                f"{persona}: {response.status_code}, wanted {wanted}: {response.content[:300]}"
            )
        elif response.status_code >= 400:
            error = response.json()
            assert error["detail"] and isinstance(error["errors"], list), error
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_refusal_is_json_and_says_in_swedish_what_to_do():
    world = build_world()
    anonymous = world.client("anonymous").get("/api/v1/units")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"].startswith("application/json")
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    assert "API-nyckel" in anonymous.json()["detail"]

    reader = world.client("reader").patch(
        f"{LINE}/personal", {"amount": "1", "version": 1}, content_type="application/json"
    )
    assert reader.status_code == 403
    assert "enhetens chef" in reader.json()["detail"]
