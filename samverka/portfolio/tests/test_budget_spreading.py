import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.portfolio.models import YearBudget
from samverka.portfolio.spreading import largest_remainder, spread_by_year, spread_over_months
from samverka.portfolio.testing import make_project, set_year_budget

D = datetime.date

dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))
kronor = st.integers(min_value=-(10**11), max_value=10**11).map(Decimal)
ore = st.integers(min_value=-(10**11), max_value=10**11).map(lambda n: Decimal(n) / 100)


@given(total=st.one_of(kronor, ore), a=dates, b=dates)
def test_spreading_over_months_sums_to_the_total_exactly(total, a, b):
    start, end = min(a, b), max(a, b)
    shares = spread_over_months(total, start, end)
    assert sum(s.amount for s in shares) == total
    assert sum(s.days for s in shares) == (end - start).days + 1
    assert sum(spread_by_year(total, start, end).values()) == total


@given(total=kronor, a=dates, b=dates)
def test_whole_kronor_stay_whole_kronor_and_no_month_is_off_by_more_than_one(total, a, b):
    start, end = min(a, b), max(a, b)
    shares = spread_over_months(total, start, end)
    days = (end - start).days + 1
    for share in shares:
        assert share.amount == share.amount.to_integral_value()
        exact = total * share.days / days
        assert abs(share.amount - exact) < 1


@given(
    total=st.one_of(kronor, ore),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=60).filter(
        any
    ),
)
def test_largest_remainder_sums_exactly_for_any_weights(total, weights):
    parts = largest_remainder(total, weights)
    assert sum(parts) == total
    assert all(part == 0 for part, w in zip(parts, weights, strict=True) if w == 0)


def test_a_year_is_spread_by_the_days_of_each_month():
    shares = spread_over_months(Decimal(365), D(2026, 1, 1), D(2026, 12, 31))
    assert [s.amount for s in shares] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def test_leftover_kronor_go_to_the_largest_remainders_earliest_first():
    assert largest_remainder(Decimal(100), [1, 1, 1]) == [34, 33, 33]
    assert largest_remainder(Decimal(10), [1, 2]) == [3, 7]
    assert largest_remainder(Decimal(-100), [1, 1, 1]) == [-34, -33, -33]


def test_a_partial_first_and_last_month_get_their_days_only():
    shares = spread_over_months(Decimal(1000), D(2024, 3, 16), D(2024, 4, 15))
    assert [(s.month, s.days) for s in shares] == [(3, 16), (4, 15)]
    assert [s.amount for s in shares] == [Decimal(516), Decimal(484)]


@pytest.mark.django_db
class TestAProjectsBudgetPerYear:
    def test_the_total_is_spread_over_the_years_by_days(self):
        project = make_project(
            start=D(2024, 3, 1), end=D(2027, 3, 1), total_budget=Decimal("3000000")
        )
        years = project.budget_by_year()
        assert [y.year for y in years] == [2024, 2025, 2026, 2027]
        assert {y.basis for y in years} == {YearBudget.SPREAD}
        assert sum(y.amount for y in years) == Decimal("3000000")
        # 306 + 365 + 365 + 60 = 1 096 days.
        assert years[1].amount == Decimal(999088)

    def test_a_stated_yearly_amount_wins_and_the_rest_is_spread(self):
        project = make_project(
            start=D(2026, 1, 1), end=D(2028, 12, 31), total_budget=Decimal("900000")
        )
        set_year_budget(project, 2026, 500000)
        years = {y.year: y for y in project.budget_by_year()}
        assert years[2026].amount == 500000 and years[2026].basis == YearBudget.STATED
        assert years[2027].basis == YearBudget.SPREAD
        assert years[2027].amount + years[2028].amount == 400000
        assert "fördelat" in years[2027].basis_label

    def test_without_a_total_the_unstated_years_are_unknown(self):
        project = make_project(start=D(2026, 1, 1), end=D(2027, 12, 31))
        set_year_budget(project, 2026, 100)
        years = {y.year: y for y in project.budget_by_year()}
        assert years[2027].amount is None and years[2027].basis == YearBudget.UNKNOWN
