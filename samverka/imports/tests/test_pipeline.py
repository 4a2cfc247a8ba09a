"""The pipeline's pieces: located problems, full_clean placed on columns, limits."""

import pytest

from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.imports import limits
from samverka.imports.pipeline import ImportProblem, ImportRefused, clean, refuse_if, sha256_of


def test_a_problem_names_file_sheet_row_column_and_line_in_swedish():
    assert str(ImportProblem("tom", sheet="Blad1", row=3, column="B (Kod)")) == (
        "Blad ”Blad1”, rad 3, kolumn B (Kod): tom"
    )
    assert str(ImportProblem("trasig", file="a.se", line=12)) == "a.se, rad 12: trasig"
    assert str(ImportProblem("ingen plats")) == "ingen plats"


def test_refusal_carries_every_problem_and_nothing_when_there_are_none():
    refuse_if([])
    with pytest.raises(ImportRefused) as caught:
        refuse_if([ImportProblem("a", row=1), ImportProblem("b", row=2)])
    assert caught.value.messages == ["Rad 1: a", "Rad 2: b"]


@pytest.mark.django_db
def test_clean_places_each_field_error_on_its_column():
    federation = testing.make_federation()
    period = testing.make_period(federation)
    line = BudgetLine(period=period, code="ok", kind="nope", label="x" * 201, amount=1)
    problems = clean(line, columns={"label": "D (Rubrik)"}, sheet="Budgetrader", row=7)
    by_column = {p.column or p.field: p for p in problems}
    assert set(by_column) == {"D (Rubrik)", "slag"}
    assert by_column["D (Rubrik)"].row == 7 and "200" in by_column["D (Rubrik)"].message


def test_the_size_limit_refuses_only_what_is_above_it(settings):
    settings.SAMVERKA_SIE_MAX_BYTES = 2_000_000
    limits.check_size(2_000_000, limits.SIE, "a.se")
    with pytest.raises(ImportRefused) as caught:
        limits.check_size(2_000_001, limits.SIE, "a.se")
    assert str(caught.value).startswith("a.se: filen är 2,0 MB; högst 2,0 MB tas emot.")


def test_the_row_limit_counts_the_header_and_stops_at_the_first_row_past_it(settings):
    settings.SAMVERKA_IMPORT_MAX_ROWS = 3
    assert list(limits.rows(iter("abc"), file_name="f.csv")) == ["a", "b", "c"]
    consumed = []
    with pytest.raises(ImportRefused) as caught:
        for item in limits.rows(iter("abcdef"), file_name="f.csv", sheet="S"):
            consumed.append(item)
    assert consumed == ["a", "b", "c"]
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row) == ("S", 4)


def test_sha256_of_a_file_leaves_it_at_its_start():
    import io

    f = io.BytesIO(b"abc")
    assert sha256_of(f) == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        3,
    )
    assert f.read() == b"abc"
