"""A budget with open errors is adopted only by someone who says they know of them."""

import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.budget.models import LineKind
from samverka.budget.testing import make_line, make_stated
from samverka.core import testing
from samverka.decisions.models import Decision
from samverka.orgs.models import GoverningBody, PlanningPeriod

pytestmark = pytest.mark.django_db

CHECKBOX = "Jag känner till felen och vill anta ändå"


@pytest.fixture
def board_and_period():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    board = GoverningBody.objects.create(
        federation=federation,
        code="direktion",
        name="Direktionen",
        kind="board",
        is_decision_making=True,
    )
    unit = testing.make_unit(federation, name="Nord", code="nord")
    make_line(period, unit, LineKind.OTHER_REVENUE, 1_000_000)
    make_line(period, unit, LineKind.OTHER_COSTS, -900_000)
    return board, period, unit


def _with_two_errors(period, unit) -> None:
    # The printed subtotals disagree with the lines: both are errors of the budget.
    make_stated(period, unit, "total_revenue", 1_100_000)
    make_stated(period, unit, "total_costs", -950_000)


def _adopt(client, board, **extra):
    data = {"body": board.pk, "date": "2025-12-12", "number": "§ 80", "title": "Budget 2026"}
    return client.post(reverse("orgs:period_adopt", args=[2026]), data | extra)


def test_the_period_page_lists_the_open_errors_and_asks_for_the_confirmation(
    client, board_and_period
):
    board, period, unit = board_and_period
    _with_two_errors(period, unit)
    client.force_login(testing.make_controller())
    page = client.get(reverse("orgs:period", args=[2026])).content.decode()
    assert "Budgeten har 2 öppna fel" in page
    assert "Intäktsraderna summerar inte till summan." in page
    assert "Kostnadsraderna summerar inte till summan." in page
    assert CHECKBOX in page and 'name="errors_acknowledged"' in page


def test_without_the_confirmation_the_period_stays_unadopted_and_the_page_says_why(
    client, board_and_period
):
    board, period, unit = board_and_period
    _with_two_errors(period, unit)
    client.force_login(testing.make_controller())
    response = _adopt(client, board)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Budgeten har 2 öppna fel (listade ovan)" in page
    assert "Intäktsraderna summerar inte till summan." in page
    period.refresh_from_db()
    assert period.status == PlanningPeriod.Status.DRAFT
    assert not Decision.objects.exists()


def test_with_the_confirmation_it_is_adopted_and_the_known_errors_are_recorded(
    client, board_and_period
):
    board, period, unit = board_and_period
    _with_two_errors(period, unit)
    client.force_login(testing.make_controller())
    assert _adopt(client, board, errors_acknowledged="on").status_code == 302
    period.refresh_from_db()
    assert period.status == PlanningPeriod.Status.ADOPTED
    assert "Antogs med vetskap om 2 öppna fel i budgeten:" in period.decision.text
    assert "– Nord 2026, Summa intäkter: Intäktsraderna summerar inte" in period.decision.text
    entry = LogEntry.objects.get(action="orgs.period.adopted", object_id=period.pk)
    assert [e["code"] for e in entry.data["open_errors"]] == ["budget.subtotal_mismatch"] * 2
    assert entry.data["open_errors"][0]["where"]["enhet"] == "Nord"


def test_a_clean_budget_is_adopted_without_the_checkbox(client, board_and_period):
    board, period, _unit = board_and_period
    client.force_login(testing.make_controller())
    page = client.get(reverse("orgs:period", args=[2026])).content.decode()
    assert CHECKBOX not in page and "öppna fel" not in page
    assert _adopt(client, board).status_code == 302
    period.refresh_from_db()
    assert period.status == PlanningPeriod.Status.ADOPTED
    assert "öppna fel" not in period.decision.text
    entry = LogEntry.objects.get(action="orgs.period.adopted", object_id=period.pk)
    assert entry.data["open_errors"] == []
