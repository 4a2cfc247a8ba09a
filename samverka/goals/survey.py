"""Import the members' survey and compute each "Andel som uppger …" indicator per year.

The file (CSV with ; or , or an XLSX workbook's first sheet) has one answer per row with the
columns Kommun, Roll, Fråga, Svar. A municipality is given by name or code; a question by its
text as configured in SurveyQuestion (case, spaces and a trailing "?" do not matter); an answer
must be one of the question's answers. Any bad row stops the whole import: every error is
reported with its row and column, and nothing is written.

Importing a year again replaces that year's answers, so an import can be repeated safely.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from samverka.goals.fetching import Recorder, recompute_region, store_value
from samverka.goals.models import (
    FetchRun,
    Indicator,
    Measurement,
    SurveyQuestion,
    SurveyResponse,
)
from samverka.orgs.models import Member

COLUMNS = {
    "kommun": "member",
    "roll": "role",
    "respondentens roll": "role",
    "fråga": "question",
    "svar": "answer",
}
REQUIRED = {"member": "Kommun", "role": "Roll", "question": "Fråga", "answer": "Svar"}
ONE_DECIMAL = Decimal("0.1")
# Rules under which the federation's value is the pooled share of all respondents.
POOLED = (Indicator.Aggregation.RESPONDENTS, Indicator.Aggregation.SOURCE)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"rad {self.row}" + (f", kolumn {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class SurveyImportError(Exception):
    def __init__(self, filename: str, errors: list[RowError]) -> None:
        self.filename = filename
        self.errors = errors
        super().__init__(f"{filename}: {len(errors)} fel")


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split()).rstrip("?").strip()


def read_rows(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a broken file
            raise SurveyImportError(
                filename, [RowError(0, "", f"filen går inte att läsa som XLSX ({exc})")]
            ) from exc
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyImportError(
            filename, [RowError(0, "", "filen är inte UTF-8-kodad text (CSV) eller XLSX")]
        ) from exc
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=";,\t")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def import_survey(filename: str, content: bytes, year: int) -> FetchRun:
    """Validate every row, then replace the year's answers and compute the shares."""
    rows = read_rows(filename, content)
    errors: list[RowError] = []
    if not rows:
        raise SurveyImportError(filename, [RowError(1, "", "filen är tom")])
    header = rows[0]
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        field = COLUMNS.get(_key(title))
        if field:
            positions[field] = index
    missing = [label for field, label in REQUIRED.items() if field not in positions]
    if missing:
        raise SurveyImportError(
            filename,
            [RowError(1, "", f"kolumnen {', '.join(missing)} saknas i rubrikraden")],
        )
    labels = {field: header[i] for field, i in positions.items()}
    members = {}
    for member in Member.objects.all():
        members[_key(member.name)] = member
        members[member.municipality_code] = member
    questions = {_key(q.text): q for q in SurveyQuestion.objects.select_related("indicator")}
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell for cell in row):
            continue
        cells = {field: (row[i] if i < len(row) else "") for field, i in positions.items()}
        row_errors = []
        member = members.get(_key(cells["member"]))
        if member is None:
            row_errors.append(
                RowError(number, labels["member"], f"”{cells['member']}” är ingen medlemskommun")
            )
        if not cells["role"]:
            row_errors.append(RowError(number, labels["role"], "rollen saknas"))
        question = questions.get(_key(cells["question"]))
        if question is None:
            row_errors.append(
                RowError(number, labels["question"], f"okänd fråga ”{cells['question'][:80]}”")
            )
        answer = None
        if question is not None:
            scale = {_key(a): a for a in question.answer_scale}
            answer = scale.get(_key(cells["answer"]))
            if answer is None:
                row_errors.append(
                    RowError(
                        number,
                        labels["answer"],
                        f"”{cells['answer']}” är inget av svarsalternativen "
                        f"({', '.join(question.answer_scale)})",
                    )
                )
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append((number, member, cells["role"], question, answer))
    if errors:
        raise SurveyImportError(filename, errors)
    if not parsed:
        raise SurveyImportError(filename, [RowError(2, "", "filen innehåller inga svar")])

    with transaction.atomic():
        recorder = Recorder(FetchRun.Service.SURVEY)
        SurveyResponse.objects.filter(year=year).delete()
        SurveyResponse.objects.bulk_create(
            SurveyResponse(
                year=year,
                member=member,
                respondent_role=role[:200],
                question=question,
                answer=answer,
                row_number=number,
            )
            for number, member, role, question, answer in parsed
        )
        _store_shares(year, parsed, filename, recorder)
        recorder.notes.insert(0, f"{filename}: {len(parsed)} svar för {year}.")
        return recorder.finish()


def share(answers: list[str], question: SurveyQuestion) -> Decimal | None:
    """Per cent of the answers that count as "uppger", leaving out the excluded ones."""
    base = [a for a in answers if a not in question.excluded_answers]
    if not base:
        return None
    counted = sum(1 for a in base if a in question.counted_answers)
    return (Decimal(counted) * 100 / len(base)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def _store_shares(year: int, parsed: list, filename: str, recorder: Recorder) -> None:
    grouped: dict[SurveyQuestion, dict[Member, list[str]]] = defaultdict(lambda: defaultdict(list))
    for _number, member, _role, question, answer in parsed:
        grouped[question][member].append(answer)
    source = f"Medlemsenkäten {year} ({filename})"[:300]
    for question in SurveyQuestion.objects.select_related("indicator"):
        indicator = question.indicator
        by_member = grouped.get(question, {})
        # A re-import replaces the year: shares of members no longer in the file go away.
        Measurement.objects.filter(
            indicator=indicator, year=year, origin=Measurement.Origin.SURVEY
        ).exclude(member__in=list(by_member)).delete()
        for member, answers in by_member.items():
            value = share(answers, question)
            if value is not None:
                store_value(
                    indicator, year, member, value, Measurement.Origin.SURVEY, source, recorder
                )
        if indicator.aggregation in POOLED:
            # The share of all respondents: every answer that counts over every answer in the
            # base, across the members, not a mean of the members' shares.
            pooled = share([a for answers in by_member.values() for a in answers], question)
            if pooled is not None:
                store_value(
                    indicator, year, None, pooled, Measurement.Origin.SURVEY, source, recorder
                )
        else:
            if not by_member:
                Measurement.objects.filter(
                    indicator=indicator,
                    year=year,
                    member__isnull=True,
                    origin=Measurement.Origin.COMPUTED,
                ).delete()
            recompute_region(indicator, [year], recorder)


@dataclass(frozen=True)
class RespondentRow:
    area: str
    respondents: int  # answers in the base: every answer but the excluded ones
    counted: int  # of which count as "uppger"
    share: Decimal | None


@dataclass(frozen=True)
class RespondentTable:
    year: int
    members: list[RespondentRow]
    total: RespondentRow


def respondent_table(question: SurveyQuestion, year: int | None = None) -> RespondentTable | None:
    """Each member's share and number of respondents for a year (the latest by default), and
    the share of all respondents they add up to."""
    responses = question.responses.all()
    if year is None:
        year = responses.order_by("-year").values_list("year", flat=True).first()
        if year is None:
            return None
    by_member: dict[str, list[str]] = defaultdict(list)
    for name, answer in responses.filter(year=year).values_list("member__name", "answer"):
        by_member[name].append(answer)
    if not by_member:
        return None

    def row(area: str, answers: list[str]) -> RespondentRow:
        base = [a for a in answers if a not in question.excluded_answers]
        counted = sum(1 for a in base if a in question.counted_answers)
        return RespondentRow(area, len(base), counted, share(answers, question))

    members = [row(name, answers) for name, answers in sorted(by_member.items())]
    everyone = [a for answers in by_member.values() for a in answers]
    return RespondentTable(year, members, row("", everyone))
