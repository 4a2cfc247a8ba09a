import io
from decimal import Decimal

import openpyxl
import pytest

from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.models import FetchRun, Indicator, Measurement, SurveyResponse
from samverka.goals.survey import SurveyImportError, import_survey

pytestmark = pytest.mark.django_db

NOJDA = "Andel som uppger att de är sammantaget nöjda med Skaraborgs Kommunalförbunds insatser?"
EFFEKTIVT = "Andel som uppger att kommunernas resurser används mer effektivt pga samverkan"


def _setup():
    federation = testing.make_federation()
    members = gt.make_members(federation, {"Skövde": "1496", "Hjo": "1497"})
    gt.give_population(members[0], 2025, 60000)
    gt.give_population(members[1], 2025, 10000)
    goal = gt.make_goal(federation)
    weighted = {"aggregation": Indicator.Aggregation.WEIGHTED_MEAN}
    return (
        members,
        gt.make_survey_indicator(goal, NOJDA, **weighted),
        gt.make_survey_indicator(goal, EFFEKTIVT, **weighted),
    )


def _csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    lines = ["Kommun;Roll;Fråga;Svar"] + [";".join(r) for r in rows]
    return "\n".join(lines).encode("utf-8")


GOOD = [
    ("Skövde", "Kommundirektör", NOJDA, "Instämmer helt"),
    ("Skövde", "KSO", NOJDA, "Instämmer till viss del"),
    ("Skövde", "Ekonomichef", NOJDA, "Vet ej"),
    ("Skövde", "Kommundirektör", EFFEKTIVT, "Instämmer till stor del"),
    ("1497", "Kommundirektör", NOJDA.rstrip("?"), "instämmer helt"),
    ("Hjo", "KSO", NOJDA, "Instämmer helt"),
    ("Hjo", "KSO", EFFEKTIVT, "Instämmer inte alls"),
]


def _share(indicator, area):
    rows = Measurement.objects.filter(indicator=indicator, year=2025)
    row = rows.get(member__isnull=True) if area == "Skaraborg" else rows.get(member__name=area)
    return row.value


def test_it_computes_each_share_per_member_and_for_skaraborg_weighted_by_population():
    _members, nojda, effektivt = _setup()
    run = import_survey("enkat.csv", _csv(GOOD), 2025)
    assert run.status == FetchRun.Status.OK
    assert run.service == FetchRun.Service.SURVEY
    # Skövde: 1 of 2 counted ("Vet ej" is left out of the base); Hjo: 2 of 2.
    assert _share(nojda, "Skövde") == Decimal("50.0")
    assert _share(nojda, "Hjo") == Decimal("100.0")
    assert _share(nojda, "Skaraborg") == Decimal("57.1429")  # (50*60000 + 100*10000) / 70000
    assert _share(effektivt, "Skövde") == Decimal("100.0")
    assert _share(effektivt, "Hjo") == Decimal("0.0")
    assert SurveyResponse.objects.filter(year=2025).count() == 7


def test_the_answers_that_count_are_a_setting_of_each_question():
    _members, nojda, _effektivt = _setup()
    nojda.survey.counted_answers = [
        "Instämmer helt",
        "Instämmer till stor del",
        "Instämmer till viss del",
    ]
    nojda.survey.save()
    import_survey("enkat.csv", _csv(GOOD), 2025)
    assert _share(nojda, "Skövde") == Decimal("100.0")


def test_skaraborg_can_be_the_pooled_share_of_all_answers():
    _members, nojda, _effektivt = _setup()
    nojda.aggregation = Indicator.Aggregation.SOURCE
    nojda.save()
    import_survey("enkat.csv", _csv(GOOD), 2025)
    assert _share(nojda, "Skaraborg") == Decimal("75.0")  # 3 of 4 answers, "Vet ej" left out


def test_a_bad_file_is_refused_whole_with_row_and_column_of_every_error():
    _members, _nojda, _effektivt = _setup()
    bad = GOOD + [
        ("Borås", "KSO", NOJDA, "Instämmer helt"),
        ("Hjo", "KSO", NOJDA, "Kanske"),
        ("Hjo", "", "Vad tycker du om kaffe?", "Instämmer helt"),
    ]
    with pytest.raises(SurveyImportError) as caught:
        import_survey("enkat.csv", _csv(bad), 2025)
    messages = [str(e) for e in caught.value.errors]
    assert messages[0] == "Rad 9, kolumn Kommun: ”Borås” är ingen medlemskommun"
    assert messages[1].startswith("Rad 10, kolumn Svar: ”Kanske” är inget av svarsalternativen")
    assert "Rad 11, kolumn Roll: rollen saknas" in messages
    assert "Rad 11, kolumn Fråga: okänd fråga ”Vad tycker du om kaffe?”" in messages
    assert not SurveyResponse.objects.exists()
    assert not Measurement.objects.exists()
    assert not FetchRun.objects.exists()


def test_a_file_without_the_required_columns_is_refused():
    _setup()
    content = "Kommun;Fråga;Svar\nSkövde;x;y\n".encode()
    with pytest.raises(SurveyImportError) as caught:
        import_survey("enkat.csv", content, 2025)
    assert str(caught.value.errors[0]) == "Rad 1: kolumnen Roll saknas i rubrikraden"


def test_an_xlsx_workbook_is_read_like_a_csv_file():
    _members, nojda, _effektivt = _setup()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kommun", "Roll", "Fråga", "Svar"])
    for row in GOOD:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_survey("enkat.xlsx", buffer.getvalue(), 2025)
    assert _share(nojda, "Hjo") == Decimal("100.0")


def test_importing_the_year_again_replaces_its_answers():
    _members, nojda, _effektivt = _setup()
    import_survey("enkat.csv", _csv(GOOD), 2025)
    import_survey("enkat.csv", _csv(GOOD), 2025)
    assert SurveyResponse.objects.filter(year=2025).count() == 7
    only_hjo = [r for r in GOOD if r[0] in ("Hjo", "1497")]
    import_survey("enkat.csv", _csv(only_hjo), 2025)
    assert not Measurement.objects.filter(indicator=nojda, member__name="Skövde").exists()
    assert _share(nojda, "Skaraborg") == Decimal("100.0")
