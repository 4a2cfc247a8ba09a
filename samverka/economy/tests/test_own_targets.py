"""The plan years are measured against the budget year's own financial targets."""

from decimal import Decimal

import pytest

from samverka.budget import validation
from samverka.budget.tests.test_own_financial_targets import another_federation, own_targets
from samverka.economy import plans
from samverka.economy import tables as plan_tables

pytestmark = pytest.mark.django_db


def test_each_plan_year_is_measured_against_the_budget_year_s_share_of_its_own_fees():
    period = another_federation()
    own_targets(period, result_share="2", solidity="20")
    plan = plans.build(plans.create_scenario(period, "Huvudalternativ"))
    for year in plan.years:
        result = year.targets[0]
        assert result.label == "Resultat minst 2 % av medlemsavgifterna"
        assert result.threshold == (year.fees.budgeted * 2 / 100).quantize(Decimal(1))
        assert year.targets[1].label == "Soliditet större än 20 %"
    table = plan_tables.targets_table(plan)
    assert [row.values[0] for row in table.rows] == [
        "Resultat minst 2 % av medlemsavgifterna",
        "Soliditet större än 20 %",
        "Kassalikviditet större än 100 %",
    ]
    missed = [f for f in validation.run(period) if f.code == "economy.target_not_met"]
    assert missed and all("2 % av medlemsavgifterna" in f.message for f in missed)


def test_without_targets_the_plan_years_are_measured_against_nothing():
    period = another_federation()
    plan = plans.build(plans.create_scenario(period, "Huvudalternativ"))
    assert all(year.targets == [] for year in plan.years)
    codes = [f.code for f in validation.run(period)]
    assert "economy.target_not_met" not in codes and codes.count("budget.targets_missing") == 1
