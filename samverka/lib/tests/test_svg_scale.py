"""The value axis of a chart: fitted to the data, nice ticks, every point inside the plot."""

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from samverka.lib import svg

TOP, BOTTOM = 30.0, 266.0

values = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False)
data = st.lists(values, min_size=1, max_size=40)


def _is_nice(step: Decimal) -> bool:
    mantissa = step.normalize().as_tuple()
    return mantissa.sign == 0 and mantissa.digits in ((1,), (2,), (5,))


# The machine is shared: timing says nothing about correctness here.
@settings(deadline=None)
@given(data)
def test_every_data_point_lies_inside_the_plot(points):
    ticks = svg.fit_axis(points)
    y = ticks.scale(BOTTOM, TOP)
    for value in points:
        assert TOP - 1e-6 <= y(value) <= BOTTOM + 1e-6


@settings(deadline=None)
@given(data)
def test_ticks_are_equally_spaced_multiples_of_a_nice_step_and_cover_the_data(points):
    ticks = svg.fit_axis(points)
    assert _is_nice(ticks.step)
    assert ticks.low <= min(points) and ticks.high >= max(points)
    assert 2 <= len(ticks.values) <= 8
    for a, b in zip(ticks.values, ticks.values[1:], strict=False):
        assert b - a == ticks.step
    assert all(value % ticks.step == 0 for value in ticks.values)


@settings(deadline=None)
@given(data)
def test_the_lowest_tick_maps_to_the_bottom_and_the_highest_to_the_top(points):
    ticks = svg.fit_axis(points)
    y = ticks.scale(BOTTOM, TOP)
    assert y(ticks.low) == pytest.approx(BOTTOM)
    assert y(ticks.high) == pytest.approx(TOP)
    assert y(ticks.low) > y(ticks.high), "larger values are drawn higher up"


@st.composite
def far_from_zero(draw) -> list[Decimal]:
    """Positive data whose smallest value is more than a quarter of the largest."""
    low = draw(st.integers(min_value=1, max_value=10**7))
    high = low + draw(st.integers(min_value=1, max_value=3 * low - 1 if low > 1 else 1))
    inner = draw(st.lists(st.integers(min_value=low, max_value=high), max_size=10))
    return [Decimal(v) for v in [low, high, *inner]]


@settings(deadline=None)
@given(far_from_zero())
def test_data_far_from_zero_fill_most_of_the_plot(points):
    low, high = min(points), max(points)
    assume(Decimal("0.25") * high < low)
    ticks = svg.fit_axis(points)
    y = ticks.scale(BOTTOM, TOP)
    assert y(low) - y(high) >= 0.4 * (BOTTOM - TOP)


@settings(deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=1), min_size=2, max_size=20))
def test_counts_that_start_near_zero_keep_zero_on_the_axis(points):
    assume(max(points) > 0 and min(points) <= Decimal("0.25") * max(points))
    assert svg.fit_axis(points).low == 0


def test_a_population_of_267_100_to_268_800_gets_an_axis_of_its_own():
    ticks = svg.fit_axis([Decimal(267100), Decimal(268800)])
    assert ticks.labels() == [
        "267\u00a0000",
        "267\u00a0500",
        "268\u00a0000",
        "268\u00a0500",
        "269\u00a0000",
    ]


def test_shares_get_decimal_comma_ticks_when_the_step_is_below_one():
    ticks = svg.fit_axis([Decimal("42.6"), Decimal("43.9")])
    assert ticks.step == Decimal("0.5")
    assert ticks.labels()[:2] == ["42,5", "43,0"]


def test_a_single_value_gets_an_axis_around_it():
    ticks = svg.fit_axis([Decimal(500)])
    assert ticks.low < 500 < ticks.high


@pytest.mark.parametrize(
    ("span", "step"),
    [(Decimal(1700), Decimal(500)), (Decimal(10), Decimal(2)), (Decimal("0.3"), Decimal("0.1"))],
)
def test_the_step_is_the_smallest_nice_one_for_five_intervals(span, step):
    assert svg.nice_step(span) == step
