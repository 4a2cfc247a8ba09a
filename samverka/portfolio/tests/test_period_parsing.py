import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.portfolio.period import PeriodError, parse_period


def test_it_reads_the_plans_notation_as_two_inclusive_dates():
    period = parse_period("240301-270301")
    assert period.start == datetime.date(2024, 3, 1)
    assert period.end == datetime.date(2027, 3, 1)
    assert period.as_printed() == "240301-270301"


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01–2027-03-01",
        "2024-03-01 – 2027-03-01",
        "2024-03-01 - 2027-03-01",
        "2024-03-01—2027-03-01",
        "240301 – 270301",
        "240301\u2212270301",
        "  240301-270301 ",
        "20240301-20270301",
    ],
)
def test_it_accepts_iso_dates_and_dash_variants(text):
    assert parse_period(text) == (datetime.date(2024, 3, 1), datetime.date(2027, 3, 1))


def test_it_refuses_a_day_that_does_not_exist_and_says_why():
    with pytest.raises(PeriodError) as exc:
        parse_period("240231-270301")
    assert exc.value.message == (
        "Startdatumet ”240231” är inget datum: februari 2024 har 29 dagar, inte 31."
    )


def test_it_refuses_the_29th_of_february_in_a_common_year():
    with pytest.raises(PeriodError, match="februari 2025 har 28 dagar, inte 29"):
        parse_period("240101-250229")


def test_it_refuses_a_thirteenth_month_in_the_end_date():
    with pytest.raises(PeriodError, match="Slutdatumet ”271301” är inget datum: månad 13"):
        parse_period("240301-271301")


def test_it_refuses_an_end_before_the_start():
    with pytest.raises(PeriodError) as exc:
        parse_period("270301-240301")
    assert exc.value.message == "Slutdatumet 2024-03-01 ligger före startdatumet 2027-03-01."


@pytest.mark.parametrize(
    "text", ["240301", "2024-2027", "mars 2024 till mars 2027", "24031-270301"]
)
def test_it_refuses_text_that_is_not_a_period_and_shows_the_expected_form(text):
    with pytest.raises(PeriodError, match="ÅÅMMDD-ÅÅMMDD"):
        parse_period(text)


def test_it_asks_for_a_period_when_the_text_is_empty():
    with pytest.raises(PeriodError, match="Ange en period"):
        parse_period("  ")


def test_a_one_day_period_is_allowed():
    assert parse_period("260101-260101").days == 1


def test_it_refuses_a_year_no_project_can_have():
    with pytest.raises(PeriodError, match="Startdatumet ”0000-01-01” har året 0"):
        parse_period("0000-01-01–2027-03-01")


@given(
    a=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)),
    b=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)),
    dash=st.sampled_from(["-", "–", " – ", "—", " - "]),
)
def test_any_real_period_reads_back_in_both_notations(a, b, dash):
    start, end = min(a, b), max(a, b)
    assert parse_period(f"{start:%y%m%d}{dash}{end:%y%m%d}") == (start, end)
    assert parse_period(f"{start.isoformat()}{dash}{end.isoformat()}") == (start, end)
