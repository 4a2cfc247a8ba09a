from decimal import Decimal

from samverka.goals.status import Status, assess

D = Decimal


def _assess(value, reference, increase=True, tolerance="2"):
    return assess(
        None if value is None else D(value),
        None if reference is None else D(reference),
        increase=increase,
        tolerance_percent=D(tolerance),
        reference_label="målvärdet",
    )


def test_meeting_the_reference_exactly_is_on_track():
    assert _assess("100", "100").status == Status.ON_TRACK
    assert _assess("101", "100").status == Status.ON_TRACK


def test_a_shortfall_up_to_the_tolerance_is_at_risk_and_beyond_it_off_track():
    assert _assess("99.99", "100").status == Status.AT_RISK
    assert _assess("98", "100").status == Status.AT_RISK  # exactly 2 % short
    assert _assess("97.99", "100").status == Status.OFF_TRACK


def test_for_a_decreasing_indicator_the_boundaries_mirror():
    assert _assess("100", "100", increase=False).status == Status.ON_TRACK
    assert _assess("102", "100", increase=False).status == Status.AT_RISK
    assert _assess("102.01", "100", increase=False).status == Status.OFF_TRACK
    assert _assess("90", "100", increase=False).status == Status.ON_TRACK


def test_with_no_tolerance_any_shortfall_is_off_track():
    assert _assess("99.99", "100", tolerance="0").status == Status.OFF_TRACK
    assert _assess("100", "100", tolerance="0").status == Status.ON_TRACK


def test_a_reference_of_zero_has_no_percentage_so_any_shortfall_is_off_track():
    assert _assess("0", "0").status == Status.ON_TRACK
    assert _assess("-1", "0").status == Status.OFF_TRACK


def test_without_value_or_reference_the_status_is_unknown_and_says_why():
    missing_value = _assess(None, "100")
    assert missing_value.status == Status.UNKNOWN
    assert "Inget utfall" in missing_value.explanation
    assert _assess("5", None).status == Status.UNKNOWN


def test_the_explanation_states_the_shortfall_in_swedish_numbers():
    result = _assess("98,5".replace(",", "."), "100")
    assert result.explanation == ("Utfallet ligger 1,5 % från målvärdet, inom toleransen 2,0 %.")
