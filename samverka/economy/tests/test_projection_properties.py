"""Properties of the projection for any assumptions: the plan's totals are the sum of its
units in every year, and the fee income is the sum of the rounded member fees."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.budget.computations import PeriodBudget, Table
from samverka.budget.models import Assumptions, LineKind
from samverka.economy import projection

K = LineKind
money = st.integers(min_value=0, max_value=50_000_000).map(Decimal)
percent = st.decimals(min_value=-5, max_value=15, places=2)
rate = st.decimals(min_value=0, max_value=60, places=2)


@st.composite
def base_years(draw):
    units = {}
    for n in range(draw(st.integers(min_value=1, max_value=6))):
        units[f"enhet-{n}"] = {
            K.REVENUE_AS_PRINTED: draw(money),
            K.PERSONNEL: -draw(money),
            K.OTHER_COSTS: -draw(money),
            K.OVERHEAD_COSTS: -draw(money),
        }
    units["kansli"] = {
        K.REVENUE_AS_PRINTED: draw(money),
        K.PERSONNEL: -draw(money),
        K.OVERHEAD_INCOME: draw(money),
    }
    members = {
        f"{1400 + n}": draw(st.one_of(st.none(), st.integers(min_value=0, max_value=600_000)))
        for n in range(draw(st.integers(min_value=1, max_value=15)))
    }
    return projection.BaseYear(
        year=2026,
        units=units,
        payroll_overhead_rate=draw(rate),
        overhead_rate=draw(rate),
        overhead_basis=draw(st.sampled_from(Assumptions.OverheadBasis.values)),
        fee_per_inhabitant=draw(st.decimals(min_value=0, max_value=200, places=2)),
        fee_income=draw(money),
        populations=members,
        office="kansli",
    )


@st.composite
def year_assumptions(draw, year):
    return projection.YearAssumptions(
        year=year,
        payroll_overhead_rate=draw(rate),
        overhead_rate=draw(rate),
        fee_per_inhabitant=draw(
            st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=2))
        ),
        fee_indexation=draw(percent),
        wage_index=draw(percent),
        price_index=draw(percent),
        population_growth=draw(percent),
    )


@settings(max_examples=150, deadline=None)
@given(base=base_years(), y1=year_assumptions(2027), y2=year_assumptions(2028))
def test_the_totals_are_the_sum_of_the_units_and_the_fee_income_the_sum_of_member_fees(
    base, y1, y2
):
    for year in projection.project(base, [y1, y2]):
        tables = [Table(None, by_kind=kinds) for kinds in year.units.values()]
        consolidated = PeriodBudget(period=None, total=Table(None), units=tables).consolidated
        assert consolidated.result == sum(t.result for t in tables)
        assert consolidated.revenue == sum(t.revenue for t in tables)
        assert consolidated.costs == sum(t.costs for t in tables)
        for kinds in year.units.values():
            assert all(amount == amount.to_integral_value() for amount in kinds.values())
        fees = [fee for fee in year.member_fees.values() if fee is not None]
        assert year.fee_income == sum(fees, Decimal(0))
        assert all(fee == fee.to_integral_value() for fee in fees)
        for member, fee in year.member_fees.items():
            inhabitants = year.populations[member]
            assert (fee is None) == (inhabitants is None)
            if fee is not None:
                assert abs(fee - inhabitants * year.fee_per_inhabitant) <= Decimal("0.5")
        # The fee change on the units is exactly the fee income's change from the budget year.
        fee_lines = sum((kinds.get(K.MEMBER_FEES, 0) for kinds in year.units.values()), 0)
        assert fee_lines == year.fee_income - base.fee_income
        # Overhead nets to zero: the office's income is the units' charges.
        assert consolidated.overhead_net == 0


@settings(max_examples=60, deadline=None)
@given(
    change=st.integers(min_value=-10_000_000, max_value=10_000_000).map(Decimal),
    shares=st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.integers(min_value=1, max_value=9_000_000).map(Decimal),
        min_size=1,
    ),
)
def test_the_fee_change_split_on_units_sums_to_the_change(change, shares):
    parts = projection.split(change, shares)
    assert sum(parts.values()) == change
    assert all(part == part.to_integral_value() for part in parts.values())


def test_hand_arithmetic_for_a_small_federation():
    base = projection.BaseYear(
        year=2026,
        units={
            "a": {
                K.REVENUE_AS_PRINTED: Decimal(1000),
                K.PERSONNEL: Decimal(-1000),
                K.OTHER_COSTS: Decimal(-200),
                K.OVERHEAD_COSTS: Decimal(-100),
            },
            "kansli": {K.REVENUE_AS_PRINTED: Decimal(500), K.OVERHEAD_INCOME: Decimal(100)},
        },
        payroll_overhead_rate=Decimal(40),
        overhead_rate=Decimal(10),
        overhead_basis=Assumptions.OverheadBasis.PERSONNEL,
        fee_per_inhabitant=Decimal(10),
        fee_income=Decimal(1000),
        populations={"x": 60, "y": 41},
        office="kansli",
    )
    year = projection.project(
        base,
        [
            projection.YearAssumptions(
                2027,
                Decimal(47),
                Decimal(10),
                fee_indexation=Decimal(5),
                wage_index=Decimal(2),
                price_index=Decimal(1),
            )
        ],
        projects={"a": {2026: Decimal(50), 2027: Decimal(80)}},
    )[0]
    # personnel −1 000 × 1,02 × 1,47 / 1,40 = −1 071
    assert year.units["a"][K.PERSONNEL] == Decimal(-1071)
    # other costs: (−200 + 50) × 1,01 − 80 = −231,5 → −232 (half up, away from zero)
    assert year.units["a"][K.OTHER_COSTS] == Decimal(-232)
    # project funds: 0 + 80 − 50 = 30
    assert year.units["a"][K.PROJECT_FUNDS] == Decimal(30)
    # overhead: 10 % × 1 071 = 107,1 → −107; the office's income 107
    assert year.units["a"][K.OVERHEAD_COSTS] == Decimal(-107)
    assert year.units["kansli"][K.OVERHEAD_INCOME] == Decimal(107)
    # fee 10 × 1,05 = 10,50; 60 × 10,50 = 630 and 41 × 10,50 = 430,50 → 431; sum 1 061
    assert year.member_fees == {"x": Decimal(630), "y": Decimal(431)}
    assert year.fee_income == Decimal(1061)
    # the fee change 1 061 − 1 000 = 61 goes to the office
    assert year.units["kansli"][K.MEMBER_FEES] == Decimal(61)
