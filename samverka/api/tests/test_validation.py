"""The API validates with the pages' own forms: a refusal is JSON with a Swedish message on
the field at fault, and nothing is saved. A locked (adopted) period and a closed follow-up
round refuse writes, as on the pages."""

from decimal import Decimal

import pytest

from samverka.api.testing import build_world
from samverka.budget.models import Assumptions, BudgetLine
from samverka.plan import followup
from samverka.portfolio.models import Project

pytestmark = pytest.mark.django_db
JSON = "application/json"
LINE = "/api/v1/periods/2026/units/enhet-a/budget-lines"
ADOPTED_LINE = "/api/v1/periods/2025/units/enhet-a/budget-lines"


@pytest.fixture
def world():
    return build_world()


def _errors(response, status: int = 422) -> dict[str | None, str]:
    """Each field's first message."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"]
    errors: dict[str | None, str] = {}
    for error in body["errors"]:
        errors.setdefault(error["field"], error["message"])
    return errors


def test_an_amount_that_is_not_one_is_refused_on_the_amount_field(world):
    response = world.client("controller").patch(
        f"{LINE}/personal", {"amount": "tusen", "version": 1}, content_type=JSON
    )

    assert _errors(response)["amount"] == "”tusen” är inte ett belopp"
    world.line_a.refresh_from_db()
    assert world.line_a.amount == -1000 and world.line_a.version == 1


def test_amounts_are_read_the_swedish_way_and_answered_as_exact_text(world):
    response = world.client("controller").post(
        LINE,
        {"code": "resor", "kind": "other_costs", "label": "Resor", "amount": "−1 234,50"},
        content_type=JSON,
    )

    assert response.status_code == 201
    assert response.json()["amount"] == "-1234.50"
    assert BudgetLine.objects.get(code="resor").amount == Decimal("-1234.50")


def test_a_json_number_for_an_amount_is_refused_so_money_never_passes_through_float(world):
    response = world.client("controller").patch(
        f"{LINE}/personal", {"amount": -1000.1, "version": 1}, content_type=JSON
    )

    assert _errors(response)["amount"] == "Ange en text."


def test_the_line_forms_rule_computes_personnel_from_salaries_and_the_po_rate(world):
    Assumptions.objects.create(period=world.period, payroll_overhead_rate=Decimal("42.65"))

    response = world.client("manager_a").patch(
        f"{LINE}/personal", {"salaries": "1 000 000", "version": 1}, content_type=JSON
    )

    assert response.status_code == 200
    assert response.json()["amount"] == "-1426500.00"
    assert response.json()["salaries"] == "1000000.00"


def test_the_line_forms_rule_refuses_salaries_on_another_kind(world):
    response = world.client("controller").post(
        LINE,
        {"code": "resor", "kind": "other_costs", "label": "Resor", "salaries": "100"},
        content_type=JSON,
    )

    assert _errors(response)["salaries"] == "Lönesumma kan bara anges för personalrader."
    assert not BudgetLine.objects.filter(code="resor").exists()


def test_a_field_the_api_does_not_know_is_named(world):
    response = world.client("controller").patch(
        f"{LINE}/personal", {"belopp": "-1", "version": 1}, content_type=JSON
    )

    assert _errors(response)["belopp"] == "Fältet finns inte i den här begäran."


def test_a_missing_field_and_a_wrong_choice_are_named(world):
    response = world.client("controller").put(
        "/api/v1/follow-up-rounds/omgang/reports/aktivitet",
        {"status_date": "2026-08-20", "status": "klar", "version": 1},
        content_type=JSON,
    )

    errors = _errors(response)
    assert errors["judgement"] == "Uppgiften saknas."
    assert errors["status"].startswith("Välj ett av:")


def test_a_body_that_is_not_json_is_refused(world):
    response = world.client("controller").patch(f"{LINE}/personal", "amount=1", content_type=JSON)

    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_parameters_out_of_range_are_refused_by_name(world):
    client = world.client("reader")
    assert _errors(client.get("/api/v1/periods/99999"))["year"] == "Värdet får vara högst 9999."
    assert "500" in _errors(client.get("/api/v1/units?limit=501"))["limit"]
    assert "fel form" in _errors(client.get("/api/v1/units/Enhet A"))["code"]


def test_an_unknown_code_is_a_404_that_names_it(world):
    response = world.client("reader").get("/api/v1/units/enhet-x")

    assert response.status_code == 404
    assert response.json()["detail"] == "Det finns ingen enhet med koden ”enhet-x”."


def test_a_project_period_ending_before_it_starts_is_refused_on_the_end(world):
    response = world.client("controller").patch(
        "/api/v1/projects/projekt", {"end": "2025-01-01", "version": 1}, content_type=JSON
    )

    assert "före startdatumet" in _errors(response)["end"]
    assert Project.objects.get(code="projekt").end.year == 2026


def test_a_project_needs_both_dates_or_neither(world):
    response = world.client("controller").post(
        "/api/v1/projects",
        {"code": "nytt", "name": "Nytt", "start": "2026-01-01"},
        content_type=JSON,
    )

    assert _errors(response)["end"] == "Ange både start- och slutdatum, eller inget av dem."


def test_codes_that_name_nothing_are_refused_field_by_field(world):
    response = world.client("controller").post(
        "/api/v1/projects",
        {"code": "nytt", "name": "Nytt", "funders": ["esf", "okand"], "owning_unit": "ingen"},
        content_type=JSON,
    )

    errors = _errors(response)
    assert errors == {"owning_unit": "”ingen” finns inte.", "funders": "”okand” finns inte."}


def test_only_a_controller_changes_a_projects_managers(world):
    response = world.client("project_manager").patch(
        "/api/v1/projects/projekt", {"managers": [], "version": 1}, content_type=JSON
    )

    assert _errors(response)["managers"] == "Det här fältet kan du inte ändra."


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        (
            "post",
            ADOPTED_LINE,
            {"code": "resor", "kind": "other_costs", "label": "R", "amount": "1"},
        ),
        ("patch", f"{ADOPTED_LINE}/personal", {"amount": "-1", "version": 1}),
        ("delete", f"{ADOPTED_LINE}/personal?version=1", None),
    ],
    ids=["create", "update", "delete"],
)
def test_an_adopted_period_refuses_every_write_to_its_budget(world, method, path, body):
    client = world.client("controller")
    args = (path, body) if body is not None else (path,)
    kwargs = {"content_type": JSON} if body is not None else {}

    response = getattr(client, method)(*args, **kwargs)

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Perioden 2025 är antagen och kan inte ändras. Öppna en revidering."
    )
    world.adopted_line.refresh_from_db()
    assert world.adopted_line.amount == -900 and world.adopted_line.version == 1
    assert BudgetLine.objects.filter(period=world.adopted).count() == 1


def test_a_closed_round_refuses_reports(world):
    followup.close_round(world.round)

    response = world.client("manager_a").put(
        "/api/v1/follow-up-rounds/omgang/reports/aktivitet",
        {"status_date": "2026-08-20", "status": "done", "judgement": "on_track", "version": 1},
        content_type=JSON,
    )

    assert response.status_code == 403
    assert "stängd" in response.json()["detail"]


def test_a_report_sets_the_activitys_status_as_on_the_page(world):
    response = world.client("manager_a").put(
        "/api/v1/follow-up-rounds/omgang/reports/aktivitet",
        {"status_date": "2026-08-20", "status": "done", "judgement": "on_track", "version": 1},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert response.json()["reported_by"] == "manager_a"
    world.activity.refresh_from_db()
    assert world.activity.status == "done"
