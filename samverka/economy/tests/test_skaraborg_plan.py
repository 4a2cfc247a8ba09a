"""The three-year plan for Skaraborg 2026–2028 from the seed's 2026 budget and assumptions
stated here (fee +3 %, PO 43 %, wages +3 %, prices +2 %, key 16 %), checked by hand."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from samverka.budget.models import LineKind
from samverka.economy import checks, plans
from samverka.economy.models import PlanYearLine
from samverka.economy.testing import skaraborg_2026, stated_scenario
from samverka.orgs.models import Unit

pytestmark = pytest.mark.django_db
D = Decimal
K = LineKind
RE_RATE = D("1.43") / D("1.4265")  # PO 42,65 % in 2026 → 43 % in 2027


def kr(x: Decimal) -> Decimal:
    return x.quantize(D(1), rounding=ROUND_HALF_UP)


@pytest.fixture
def plan():
    return plans.build(stated_scenario(skaraborg_2026()))


def unit(plan, year, code):
    return plan.year(year).budget.table_for(Unit.objects.get(code=code))


def test_the_budget_year_is_the_budget_as_computed_from_the_units(plan):
    assert plan.year_numbers == [2026, 2027, 2028]
    assert plan.year(2026).consolidated.revenue == D(64295000)
    assert plan.year(2026).consolidated.result == D(-185000)


def test_personnel_is_raised_by_wages_and_re_rated_by_the_po_change(plan):
    # −6 011 000 × 1,03 × 1,43 / 1,4265 = −6 206 520,79 → −6 206 521
    assert unit(plan, 2027, "kunskapsutveckling").personnel == D(-6206521)
    # 2028: PO unchanged, −6 206 520,79 × 1,03 = −6 392 716,41 → −6 392 716 (rounded once)
    assert unit(plan, 2028, "kunskapsutveckling").personnel == D(-6392716)
    # −1 981 000 × 1,03 × 1,43 / 1,4265 = −2 045 436,30 → −2 045 436
    assert unit(plan, 2027, "omstallning-skaraborg").personnel == D(-2045436)


def test_other_costs_follow_the_price_index(plan):
    # −3 252 000 × 1,02 = −3 317 040; × 1,02 = −3 383 380,80 → −3 383 381
    assert unit(plan, 2027, "kunskapsutveckling").other_costs == D(-3317040)
    assert unit(plan, 2028, "kunskapsutveckling").other_costs == D(-3383381)
    # −382 000 × 1,02 = −389 640
    assert unit(plan, 2027, "omstallning-skaraborg").other_costs == D(-389640)


def test_overhead_is_the_key_times_personnel_and_nets_to_zero(plan):
    # 16 % × 6 206 520,79 = 993 043,33 → −993 043
    assert unit(plan, 2027, "kunskapsutveckling").overhead_costs == D(-993043)
    # 16 % × 2 045 436,30 = 327 269,81 → −327 270
    assert unit(plan, 2027, "omstallning-skaraborg").overhead_costs == D(-327270)
    for year in (2027, 2028):
        tables = plan.year(year).budget.units
        charges = sum(t.overhead_costs for t in tables)
        assert unit(plan, year, "forbundskansli").overhead_income == -charges
        assert plan.year(year).consolidated.overhead_net == 0


def test_the_fee_is_indexed_and_each_member_pays_inhabitants_times_the_fee(plan):
    fees_2027, fees_2028 = plan.year(2027).fees, plan.year(2028).fees
    # 50,55 × 1,03 = 52,0665 → 52,07 kr; 52,07 × 1,03 = 53,6321 → 53,63 kr
    assert fees_2027.rate == D("52.07") and fees_2028.rate == D("53.63")
    lidkoping = {r.member.name: r for r in fees_2027.rows}["Lidköping"]
    # 40 425 × 52,07 = 2 104 929,75 → 2 104 930
    assert (lidkoping.inhabitants, lidkoping.fee) == (40425, D(2104930))
    lidkoping = {r.member.name: r for r in fees_2028.rows}["Lidköping"]
    # 40 425 × 1,005 = 40 627,1 → 40 627 inhabitants; × 53,63 = 2 178 826,01 → 2 178 826
    assert (lidkoping.inhabitants, lidkoping.fee) == (40627, D(2178826))
    assert fees_2027.inhabitants == 143619 + 126100
    assert fees_2027.total == D(14044269)
    assert fees_2028.total == D(14503536)


def test_the_fee_change_goes_to_the_office_when_no_split_is_entered(plan):
    # 14 044 269 − 13 631 000 = 413 269 more fee income than budgeted for 2026
    assert unit(plan, 2027, "forbundskansli").get(K.MEMBER_FEES) == D(413269)
    revenue_2027 = plan.year(2027).consolidated.revenue
    assert revenue_2027 == D(64295000) + D(413269)


def test_the_federation_result_is_revenue_less_the_projected_costs(plan):
    units = plan.year(2026).budget.units
    personnel = sum(kr(t.personnel * D("1.03") * RE_RATE) for t in units)
    other = sum(kr(t.other_costs * D("1.02")) for t in units)
    consolidated = plan.year(2027).consolidated
    assert consolidated.personnel == personnel
    assert consolidated.other_costs == other
    assert consolidated.result == D(64708269) + personnel + other


def test_a_negative_year_is_a_balance_requirement_finding_with_its_amount(plan):
    findings = [f for f in checks.plan_findings(plan) if f.code == "economy.balance_requirement"]
    by_year = {f.where["år"]: f for f in findings}
    assert by_year["2026"].stated == D(-185000)
    assert "185\xa0000\xa0kr" in by_year["2026"].message
    assert by_year["2027"].stated == plan.year(2027).consolidated.result < 0


def test_the_budget_engine_reports_the_balance_requirement_for_2026():
    from samverka.budget import validation

    period = skaraborg_2026()
    findings = [f for f in validation.run(period) if f.code == "economy.balance_requirement"]
    assert [(f.where["år"], f.stated) for f in findings] == [("2026", D(-185000))]


def test_the_engine_checks_the_proposals_plan_years():
    from samverka.budget import validation

    period = skaraborg_2026()
    stated_scenario(period)
    years = {
        f.where["år"] for f in validation.run(period) if f.code == "economy.balance_requirement"
    }
    assert years == {"2026", "2027", "2028"}


def test_a_figure_entered_by_hand_wins_and_the_next_year_projects_from_it():
    period = skaraborg_2026()
    scenario = stated_scenario(period)
    PlanYearLine.objects.create(
        scenario=scenario,
        unit=Unit.objects.get(code="kunskapsutveckling"),
        year=2027,
        kind=K.PERSONNEL,
        amount=D(-6500000),
    )
    plan = plans.build(scenario)
    assert unit(plan, 2027, "kunskapsutveckling").personnel == D(-6500000)
    assert plan.year(2027).projected["kunskapsutveckling"][K.PERSONNEL] == D(-6206521)
    # 2028 from the entered figure: −6 500 000 × 1,03 = −6 695 000
    assert unit(plan, 2028, "kunskapsutveckling").personnel == D(-6695000)
    # the overhead follows the entered personnel: 16 % × 6 500 000 = 1 040 000
    assert unit(plan, 2027, "kunskapsutveckling").overhead_costs == D(-1040000)
