"""Two people filling in the same new figure: the first save lands, the second is refused.

Every case is the same story told through a real edit page: Anna and Bertil both open the
form for a figure that does not exist yet (the form carries version 0). Anna saves first.
Bertil's save must not overwrite hers: he gets her values, her name, and nothing of his is
stored. Then both edit the saved figure with the version they saw (1): again the second is
refused, and saving once more with the version shown overwrites deliberately.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.budget.models import Assumptions, BalanceSheet, BudgetLine
from samverka.core import testing
from samverka.goals.models import TargetValue
from samverka.goals.testing import make_goal, make_indicator
from samverka.ledger.models import CostCentreMapping, ManualForecast
from samverka.plan.followup import open_round
from samverka.plan.models import ActivityReport, ActivityStatus
from samverka.plan.testing import make_activity, make_priority_area
from samverka.portfolio.models import ProjectYear
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@dataclass
class Case:
    url: str
    first: dict[str, Any]  # Anna's values
    second: dict[str, Any]  # Bertil's values
    shown: str  # how Anna's distinguishing value reads on Bertil's refused page
    stored: Any  # () -> the distinguishing value now stored
    expected_first: Any
    expected_second: Any
    edit_url: str = ""  # where the saved figure is edited, when not on the same page

    def edit(self) -> "Case":
        return Case(**(self.__dict__ | {"url": self.edit_url or self.url}))


def _target(world) -> Case:
    indicator = make_indicator(make_goal(world["federation"]), code="befolkning")
    return Case(
        reverse("goals:target_edit", args=[indicator.code, 2026]),
        {"value": "275 000", "note": "Annas"},
        {"value": "276 000", "note": "Bertils"},
        f"275{NBSP}000",
        lambda: TargetValue.objects.get(indicator=indicator, year=2026).value,
        Decimal(275000),
        Decimal(276000),
    )


def _forecast(world) -> Case:
    return Case(
        reverse("ledger:forecast", args=[2026, world["unit"].code, "other_costs"]),
        {"amount": "-1 350 000", "note": ""},
        {"amount": "-1 400 000", "note": ""},
        f"-1{NBSP}350{NBSP}000",
        lambda: ManualForecast.objects.get().amount,
        Decimal(-1350000),
        Decimal(-1400000),
    )


def _project_year(world) -> Case:
    project = make_project(world["federation"])
    return Case(
        reverse("portfolio:project_year_edit", args=[project.code, 2026]),
        {"budget": "1 000 000", "personnel_costs": "", "overhead": "", "source": ""},
        {"budget": "1 200 000", "personnel_costs": "", "overhead": "", "source": ""},
        f"1{NBSP}000{NBSP}000",
        lambda: ProjectYear.objects.get(project=project, year=2026).budget,
        Decimal(1000000),
        Decimal(1200000),
    )


def _assumptions(world) -> Case:
    data = {"overhead_rate": "", "overhead_basis": "personnel", "source": ""}
    return Case(
        reverse("budget:assumptions_edit", args=[2026]),
        data | {"payroll_overhead_rate": "40.15"},
        data | {"payroll_overhead_rate": "39.5"},
        "40,15",
        lambda: Assumptions.objects.get().payroll_overhead_rate,
        Decimal("40.15"),
        Decimal("39.5"),
    )


def _balance_sheet(world) -> Case:
    data = {
        "as_of": "2025-12-31",
        "total_assets": "50 000 000",
        "current_assets": "45 000 000",
        "current_liabilities": "46 000 000",
        "source": "",
    }
    return Case(
        reverse("budget:balance_sheet_edit", args=[2026]),
        data | {"equity": "3 000 000"},
        data | {"equity": "3 500 000"},
        f"3{NBSP}000{NBSP}000",
        lambda: BalanceSheet.objects.get().equity,
        Decimal(3000000),
        Decimal(3500000),
    )


def _budget_line(world) -> Case:
    data = {"code": "konsulter", "label": "Konsulter", "kind": "other_costs", "salaries": ""}
    return Case(
        reverse("budget:line_add", args=[2026, world["unit"].code]),
        data | {"amount": "-500 000"},
        data | {"amount": "-650 000"},
        f"-500{NBSP}000",
        lambda: BudgetLine.objects.get(code="konsulter").amount,
        Decimal(-500000),
        Decimal(-650000),
        edit_url=reverse("budget:line_edit", args=[2026, world["unit"].code, "konsulter"]),
    )


def _report(world) -> Case:
    area = make_priority_area(world["period"])
    activity = make_activity(area, title="Bostadsförsörjning")
    round_ = open_round(world["period"], code="aug-2026", title="Augusti", deadline="2026-08-31")
    data = {"status_date": "2026-08-20", "status": ActivityStatus.ONGOING}
    return Case(
        reverse("plan:report", args=[round_.code, activity.code]),
        data | {"judgement": "on_track", "comment": "Annas bedömning"},
        data | {"judgement": "off_track", "comment": "Bertils bedömning"},
        "Annas bedömning",
        lambda: ActivityReport.objects.get().comment,
        "Annas bedömning",
        "Bertils bedömning",
    )


def _cost_centre(world) -> Case:
    other = testing.make_unit(world["federation"], name="Syd", code="syd")
    return Case(
        reverse("ledger:mapping"),
        {"dimension": "1", "object_code": "K100", "unit": world["unit"].pk},
        {"dimension": "1", "object_code": "K100", "unit": other.pk},
        "Nord",
        lambda: CostCentreMapping.objects.get().unit.name,
        "Nord",
        "Syd",
    )


CASES = {
    "målvärde": _target,
    "prognos": _forecast,
    "projektår": _project_year,
    "förutsättningar": _assumptions,
    "balansräkning": _balance_sheet,
    "budgetrad": _budget_line,
    "uppföljningsrapport": _report,
    "kostnadsställe": _cost_centre,
}


@pytest.fixture
def world():
    federation = testing.make_federation()
    return {
        "federation": federation,
        "period": testing.make_period(federation, 2026),
        "unit": testing.make_unit(federation, name="Nord", code="nord"),
        "anna": testing.make_user(Role.CONTROLLER, username="anna"),
        "bertil": testing.make_user(Role.CONTROLLER, username="bertil"),
    }


def _post(client, user, case: Case, data: dict, seen: int):
    client.force_login(user)
    return client.post(case.url, data | {"seen_version": seen})


def _errors(response) -> str:
    return " ".join(
        re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode())
    )


@pytest.mark.parametrize("name", CASES)
def test_a_form_for_a_figure_not_saved_yet_carries_version_zero(client, world, name):
    case = CASES[name](world)
    client.force_login(world["anna"])
    html = client.get(case.url).content.decode()
    assert re.search(r'name="seen_version" value="0"', html)


@pytest.mark.parametrize("name", CASES)
def test_the_second_of_two_creates_is_refused_with_the_first_ones_values_and_author(
    client, world, name
):
    case = CASES[name](world)
    assert _post(client, world["anna"], case, case.first, 0).status_code == 302
    response = _post(client, world["bertil"], case, case.second, 0)
    assert response.status_code in (200, 400)
    errors = _errors(response)
    assert f"Någon annan har sparat ett nytt värde: {case.shown}" in errors
    assert "anna skapade posten" in errors
    assert case.stored() == case.expected_first
    # The refused page carries the version now stored: saving again overwrites on purpose.
    assert 'name="seen_version" value="1"' in response.content.decode()


@pytest.mark.parametrize("name", CASES)
def test_the_second_of_two_updates_is_refused_until_it_is_saved_again_deliberately(
    client, world, name
):
    case = CASES[name](world)
    assert _post(client, world["anna"], case, case.first, 0).status_code == 302
    case = case.edit()
    assert _post(client, world["anna"], case, case.first, 1).status_code == 302  # version 2
    response = _post(client, world["bertil"], case, case.second, 1)
    assert "anna sparade posten" in _errors(response)
    assert case.stored() == case.expected_first
    assert _post(client, world["bertil"], case, case.second, 2).status_code == 302
    assert case.stored() == case.expected_second


def test_a_figure_deleted_meanwhile_is_not_recreated_unknowingly(client, world):
    case = _forecast(world)
    assert _post(client, world["anna"], case, case.first, 0).status_code == 302
    ManualForecast.objects.get().delete()
    response = _post(client, world["bertil"], case, case.second, 1)
    assert "Någon annan har tagit bort posten" in _errors(response)
    assert not ManualForecast.objects.exists()


def test_a_create_that_loses_the_race_at_the_database_is_a_conflict_not_an_error(
    client, world, monkeypatch
):
    """Both requests passed the look-up before either inserted: the unique constraint decides,
    and the loser gets the winner's values instead of a server error."""
    case = _target(world)
    assert _post(client, world["anna"], case, case.first, 0).status_code == 302
    real = TargetValue.existing_by_natural_key
    calls = []

    def not_seen_at_first(self):
        calls.append(self)
        return None if len(calls) == 1 else real(self)

    monkeypatch.setattr(TargetValue, "existing_by_natural_key", not_seen_at_first)
    # Bertil's view did not see Anna's target either: it offers a new one.
    monkeypatch.setattr(
        "samverka.goals.views.TargetValue.objects.filter",
        lambda **kw: TargetValue.objects.none(),
    )
    response = _post(client, world["bertil"], case, case.second, 0)
    assert response.status_code == 200
    assert f"Någon annan har sparat ett nytt värde: {case.shown}" in _errors(response)
    assert len(calls) == 2
    assert TargetValue.objects.count() == 1
    assert TargetValue.objects.get().value == case.expected_first
