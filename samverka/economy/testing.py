"""Test helpers: the Skaraborg seed with a scenario whose assumptions the test states."""

from decimal import Decimal

from samverka.core.seeding import load_skaraborg
from samverka.economy import plans
from samverka.economy.models import PopulationForecast, ScenarioAssumptions
from samverka.orgs.models import Member, PlanningPeriod

# Stated for the tests, not facts: forecasts for the six members whose population the seed
# lacks (so that every member pays a fee in the plan years).
FORECASTS = {
    "Skara": 18900,
    "Skövde": 57500,
    "Tibro": 11300,
    "Tidaholm": 13000,
    "Töreboda": 9400,
    "Vara": 16000,
}


def skaraborg_2026() -> PlanningPeriod:
    load_skaraborg()
    return PlanningPeriod.objects.get(year=2026)


def stated_scenario(
    period: PlanningPeriod,
    name: str = "Index 3 %",
    *,
    fee_indexation: str = "3",
    payroll_overhead_rate: str = "43",
    wage_index: str = "3",
    price_index: str = "2",
    growth_2028: str = "0.5",
    user=None,
):
    """2027 and 2028: the fee indexed, PO, wages and prices as given, key 16 %; no population
    growth in 2027, `growth_2028` in 2028; the six missing members forecast in both years."""
    scenario = plans.create_scenario(period, name, user)
    for a in ScenarioAssumptions.objects.filter(scenario=scenario):
        a.fee_indexation = Decimal(fee_indexation)
        a.payroll_overhead_rate = Decimal(payroll_overhead_rate)
        a.wage_index = Decimal(wage_index)
        a.price_index = Decimal(price_index)
        a.overhead_rate = Decimal(16)
        a.population_growth = Decimal(growth_2028 if a.year == 2028 else 0)
        a.save()
    for member in Member.objects.filter(name__in=FORECASTS):
        for year in scenario.plan_years:
            PopulationForecast.objects.create(
                scenario=scenario, member=member, year=year, inhabitants=FORECASTS[member.name]
            )
    return scenario
