"""The survey import through the imports pipeline: streamed, limited, cleaned, audited."""

import hashlib
import io

import pytest

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.models import SurveyResponse
from samverka.goals.survey import SurveyImportError, import_survey, iter_rows

pytestmark = pytest.mark.django_db

QUESTION = "Andel som uppger att de är nöjda"


@pytest.fixture
def question():
    federation = testing.make_federation()
    gt.make_members(federation, {"Skövde": "1496"})
    return gt.make_survey_indicator(gt.make_goal(federation), QUESTION)


def _csv(rows) -> bytes:
    return "\n".join(["Kommun;Roll;Fråga;Svar", *(";".join(r) for r in rows)]).encode()


ANSWER = ("Skövde", "KSO", QUESTION, "Instämmer helt")


def test_a_role_past_its_limit_is_a_located_error_not_cut_short(question):
    with pytest.raises(SurveyImportError) as caught:
        import_survey("enkat.csv", _csv([ANSWER, ("Skövde", "R" * 250, QUESTION, "Vet ej")]), 2025)
    (problem,) = caught.value.errors
    assert (problem.row, problem.column) == (3, "Roll")
    assert "200" in problem.message
    assert not SurveyResponse.objects.exists()


def test_a_file_above_the_size_limit_is_refused(question, settings):
    settings.SAMVERKA_XLSX_MAX_BYTES = 100
    with pytest.raises(SurveyImportError) as caught:
        import_survey("enkat.csv", _csv([ANSWER] * 10), 2025)
    assert "enkat.csv: filen är" in str(caught.value) and "tas emot" in str(caught.value)
    assert not SurveyResponse.objects.exists()


def test_a_file_with_more_rows_than_the_limit_is_refused_whole(question, settings):
    settings.SAMVERKA_IMPORT_MAX_ROWS = 5
    with pytest.raises(SurveyImportError) as caught:
        import_survey("enkat.csv", _csv([ANSWER] * 8), 2025)
    (problem,) = caught.value.errors
    assert problem.row == 6 and "fler än 5 rader" in problem.message
    assert not SurveyResponse.objects.exists()


class CountingFile(io.BytesIO):
    """Counts how much of the file has been read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.served = 0

    def __next__(self) -> bytes:
        line = super().__next__()
        self.served += len(line)
        return line


def test_the_csv_is_read_row_by_row_not_as_a_whole():
    data = _csv([ANSWER] * 50_000)
    file = CountingFile(data)
    rows = iter_rows("enkat.csv", file)
    assert next(rows) == ["Kommun", "Roll", "Fråga", "Svar"]
    assert next(rows) == list(ANSWER)
    assert 0 < file.served < 1000 < len(data)


def test_an_import_leaves_one_audit_entry_with_its_counts_and_hash(question):
    import_survey("enkat.csv", _csv([ANSWER] * 3), 2025)
    again = _csv([ANSWER] * 2)
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    run = import_survey("enkat.csv", again, 2025)

    (entry,) = LogEntry.objects.filter(action="imports.survey", pk__gt=before)
    assert entry.object_id == str(run.pk)
    assert entry.data["sha256"] == hashlib.sha256(again).hexdigest()
    assert entry.data["counts"] == {"read": 2, "created": 2, "updated": 0, "deleted": 3}
    assert SurveyResponse.objects.count() == 2
