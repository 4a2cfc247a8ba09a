"""Scenarios: created by the controller with labelled defaults, compared side by side, one of
them the proposal, frozen with the period."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from samverka.core import testing
from samverka.economy import plans
from samverka.economy import tables as plan_tables
from samverka.economy.models import Scenario, ScenarioAssumptions
from samverka.economy.testing import skaraborg_2026, stated_scenario
from samverka.orgs.models import PeriodLockedError, PlanningPeriod

pytestmark = pytest.mark.django_db


def test_the_controller_creates_a_scenario_with_the_budget_years_rates_and_no_indexation(
    client,
):
    period = skaraborg_2026()
    client.force_login(testing.make_controller_named("ekonom"))
    response = client.post(
        reverse("economy:scenarios", args=[2026]),
        {"name": "Utgångsläge", "description": "", "seen_version": 0},
    )
    scenario = Scenario.objects.get(period=period)
    assert response.status_code == 302
    assert scenario.is_proposal and scenario.created_by.username == "ekonom"
    a = ScenarioAssumptions.objects.get(scenario=scenario, year=2027)
    assert (a.payroll_overhead_rate, a.overhead_rate) == (Decimal("42.65"), Decimal(16))
    assert a.fee_indexation == a.wage_index == a.price_index == 0


def test_a_reader_sees_the_plan_but_may_not_create_a_scenario(client):
    period = skaraborg_2026()
    stated_scenario(period)
    client.force_login(testing.make_reader())
    assert client.get(reverse("economy:plan", args=[2026])).status_code == 200
    response = client.post(
        reverse("economy:scenarios", args=[2026]), {"name": "X", "seen_version": 0}
    )
    assert response.status_code == 403
    assert Scenario.objects.count() == 1


def test_saving_the_assumptions_recomputes_the_plan(client):
    period = skaraborg_2026()
    scenario = stated_scenario(period)
    before = plans.build(scenario).year(2027).fees.total
    client.force_login(testing.make_controller())
    data = {}
    for a in scenario.assumptions.all():
        p = str(a.year)
        data |= {
            f"{p}-seen_version": a.version,
            f"{p}-fee_per_inhabitant": "",
            f"{p}-fee_indexation": "6",
            f"{p}-payroll_overhead_rate": "43",
            f"{p}-overhead_rate": "16",
            f"{p}-wage_index": "3",
            f"{p}-price_index": "2",
            f"{p}-population_growth": "0",
        }
    for f in scenario.population_forecasts.select_related("member"):
        data[f"pop_{f.member.municipality_code}_{f.year}"] = f.inhabitants
    response = client.post(reverse("economy:scenario_edit", args=[2026, scenario.code]), data)
    assert response.status_code == 302
    after = plans.build(scenario).year(2027)
    # 50,55 × 1,06 = 53,583 → 53,58 kr per inhabitant
    assert after.fees.rate == Decimal("53.58")
    assert after.fees.total > before


def test_bad_assumptions_are_refused_with_a_message_and_nothing_is_saved(client):
    scenario = stated_scenario(skaraborg_2026())
    client.force_login(testing.make_controller())
    data = {}
    for a in scenario.assumptions.all():
        p = str(a.year)
        data |= {
            f"{p}-seen_version": a.version,
            f"{p}-fee_indexation": "tre",
            f"{p}-payroll_overhead_rate": "43",
            f"{p}-overhead_rate": "16",
            f"{p}-wage_index": "3",
            f"{p}-price_index": "2",
            f"{p}-population_growth": "0",
        }
    response = client.post(reverse("economy:scenario_edit", args=[2026, scenario.code]), data)
    assert response.status_code == 200
    assert "sparades inte" in response.content.decode()
    assert ScenarioAssumptions.objects.get(scenario=scenario, year=2027).fee_indexation == 3


def test_two_scenarios_compared_side_by_side():
    period = skaraborg_2026()
    low = stated_scenario(period, "Index 3 %")
    high = stated_scenario(period, "Index 6 %", fee_indexation="6")
    results, targets, fees = plan_tables.comparison_tables([plans.build(low), plans.build(high)])
    by_name = {row.values[0]: row.values[1:] for row in results.rows}
    assert by_name["Index 3 %"][0] == by_name["Index 6 %"][0] == Decimal(-185000)
    # The higher fee raises the result by exactly the higher fee income.
    low_plan, high_plan = plans.build(low), plans.build(high)
    for i, year in enumerate((2027, 2028), start=1):
        extra = high_plan.year(year).fees.total - low_plan.year(year).fees.total
        assert by_name["Index 6 %"][i] - by_name["Index 3 %"][i] == extra > 0
    lidkoping = next(row for row in fees.rows if row.values[0] == "Lidköping")
    # 2027: 40 425 × 52,07 = 2 104 930 and 40 425 × 53,58 = 2 165 971,50 → 2 165 972
    assert lidkoping.values[1:3] == (Decimal(2104930), Decimal(2165972))
    assert [row.values[0] for row in targets.rows] == ["Index 3 %", "Index 6 %"]


def test_the_comparison_page_names_who_made_each_scenario(client):
    period = skaraborg_2026()
    stated_scenario(period, "Index 3 %", user=testing.make_controller_named("anna"))
    stated_scenario(period, "Index 6 %", fee_indexation="6")
    client.force_login(testing.make_reader())
    page = client.get(reverse("economy:compare", args=[2026])).content.decode()
    assert "Index 3 %" in page and "Index 6 %" in page and "anna" in page
    assert "Resultat per år" in page


def test_making_a_scenario_the_proposal_moves_the_mark(client):
    period = skaraborg_2026()
    first = stated_scenario(period, "A")
    second = stated_scenario(period, "B")
    assert Scenario.objects.get(pk=first.pk).is_proposal
    client.force_login(testing.make_controller())
    client.post(reverse("economy:make_proposal", args=[2026, second.code]))
    assert plans.proposal(period) == second
    assert not Scenario.objects.get(pk=first.pk).is_proposal


def test_a_period_has_at_most_one_proposal():
    period = skaraborg_2026()
    stated_scenario(period, "A")
    second = stated_scenario(period, "B")
    second.is_proposal = True
    with pytest.raises(IntegrityError), transaction.atomic():
        Scenario.objects.filter(pk=second.pk).update(is_proposal=True)


def test_an_adopted_year_takes_no_new_scenario():
    skaraborg_2026()
    adopted = PlanningPeriod.objects.get(year=2025)
    assert adopted.is_locked
    with pytest.raises(PeriodLockedError):
        plans.create_scenario(adopted, "För sent")


def test_the_controller_enters_a_plan_year_figure_on_the_unit_page_and_it_wins(client):
    period = skaraborg_2026()
    scenario = stated_scenario(period)
    client.force_login(testing.make_controller())
    url = reverse("economy:unit", args=[2026, "kunskapsutveckling"])
    response = client.post(
        f"{url}?scenario={scenario.code}",
        {"year": "2027", "kind": "other_costs", "amount": "−3 400 000", "seen_version": 0},
    )
    assert response.status_code == 302
    page = client.get(url, {"scenario": scenario.code}).content.decode()
    # The entered figure in the table, the projection (−3 317 040) beside it in the note.
    assert "−3\u00a0400\u00a0000" in page
    assert "framskrivningen ger −3\u00a0317\u00a0040" in page or "3\u00a0317\u00a0040" in page
