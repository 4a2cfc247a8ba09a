"""Property tests of the import pipeline: any file is imported whole or refused whole with a
located problem; never an unhandled exception (a 500) and never half-saved."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from samverka.budget import xlsx
from samverka.budget.models import BudgetLine, StatedFigure
from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.models import SurveyResponse
from samverka.goals.survey import import_survey
from samverka.imports.pipeline import ImportRefused
from samverka.ledger import importing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ImportBatch
from samverka.ledger.sie import SieError
from samverka.ledger.tests.test_sie_fuzz import LINE

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _located(exc: ImportRefused) -> None:
    assert exc.problems
    for problem in exc.problems:
        assert problem.message
        assert problem.file or problem.sheet or problem.row or problem.line or problem.column


@pytest.fixture
def period():
    federation = testing.make_federation()
    testing.make_unit(federation, code="nord", name="Nord")
    ledger_testing.make_ranges(federation)
    return testing.make_period(federation, year=2025)


@pytest.fixture
def question(period):
    gt.make_members(period.federation, {"Skövde": "1496"})
    return gt.make_survey_indicator(gt.make_goal(period.federation), "Andel som uppger")


def _budget_rows():
    return BudgetLine.objects.count(), StatedFigure.objects.count()


def _import_budget(period, data: bytes):
    before = _budget_rows()
    f = io.BytesIO(data)
    f.name = "budget.xlsx"
    try:
        xlsx.import_budget(period, f)
    except ImportRefused as exc:
        _located(exc)
        assert _budget_rows() == before


@EXAMPLES
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_a_budget_file_are_refused_with_a_located_problem(period, data):
    _import_budget(period, data)


CELL = st.one_of(
    st.none(),
    st.sampled_from(["nord", "totalt", "okand", "personal", "personnel", "other_costs", "lön"]),
    # openpyxl cannot write control characters, so a real file cannot hold them either.
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=300),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.booleans(),
)
ROW = st.lists(CELL, min_size=6, max_size=6)


@EXAMPLES
@given(rows=st.lists(ROW, max_size=6), stated=st.lists(st.lists(CELL, min_size=4, max_size=4)))
def test_any_cells_in_the_budget_template_import_whole_or_not_at_all(period, rows, stated):
    wb = Workbook()
    wb.active.title = xlsx.LINES_SHEET
    wb.active.append(xlsx.LINE_HEADERS)
    for row in rows:
        wb.active.append(row)
    sheet = wb.create_sheet(xlsx.STATED_SHEET)
    sheet.append(xlsx.STATED_HEADERS)
    for row in stated[:4]:
        sheet.append(row)
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except (ValueError, TypeError):  # a value openpyxl itself cannot write: no file to test
        return
    _import_budget(period, buffer.getvalue())


HEAD = '#FLAGGA 0\n#SIETYP 4\n#RAR 0 20250101 20251231\n#KONTO 3010 "Avgifter"\n'


@EXAMPLES
@given(lines=st.lists(LINE, max_size=25))
def test_any_sie_like_lines_import_whole_or_are_refused_whole(period, lines):
    data = (HEAD + "\n".join(lines) + "\n").encode("cp437", "replace")
    before = ImportBatch.objects.count(), Actual.objects.count()
    try:
        result = importing.import_sie(io.BytesIO(data), file_name="slump.se", replace=True)
    except SieError as exc:
        assert exc.reason and isinstance(exc.line, int)
        assert (ImportBatch.objects.count(), Actual.objects.count()) == before
    except ImportRefused as exc:
        _located(exc)
        assert (ImportBatch.objects.count(), Actual.objects.count()) == before
    else:
        if result.status == "imported":
            assert (
                Actual.objects.filter(batch=result.batch).count()
                == (result.batch.counts["actual_rows"])
            )
            assert ImportBatch.objects.count() == before[0] + 1


@EXAMPLES
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_a_survey_file_import_whole_or_are_refused_whole(question, data):
    before = SurveyResponse.objects.count()
    try:
        import_survey("enkat.csv", data, 2025)
    except ImportRefused as exc:
        _located(exc)
        assert SurveyResponse.objects.count() == before
