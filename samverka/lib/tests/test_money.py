from decimal import Decimal

import pytest

from samverka.lib.money import AmountError, format_kr, format_number, parse_amount, round_kronor


@pytest.mark.parametrize(
    "text,expected",
    [
        ("13 631 000", Decimal("13631000")),
        ("-42 114 000", Decimal("-42114000")),
        ("\u2212317 000", Decimal("-317000")),
        ("1 234,50", Decimal("1234.50")),
        ("50,55", Decimal("50.55")),
        ("136\u00a0310 kr", Decimal("136310")),
    ],
)
def test_it_parses_amounts_as_printed_in_swedish_documents(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.3.4", "--5"])
def test_it_refuses_what_is_not_an_amount(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_it_refuses_floats_everywhere():
    with pytest.raises(AmountError):
        parse_amount(0.1)
    with pytest.raises(TypeError):
        format_number(0.1)


def test_it_formats_with_swedish_grouping_and_comma():
    assert format_kr(Decimal("13631000")) == "13\u00a0631\u00a0000\u00a0kr"
    assert format_number(Decimal("-64110000")) == "-64\u00a0110\u00a0000"
    assert format_number(Decimal("50.55"), 2) == "50,55"
    assert format_number(0) == "0"


def test_rounding_is_half_up_not_bankers():
    assert round_kronor(Decimal("2.5")) == Decimal("3")
    assert round_kronor(Decimal("-2.5")) == Decimal("-3")
