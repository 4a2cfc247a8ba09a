"""Import the members' survey and compute each "Andel som uppger …" indicator per year.

The file (CSV with ; or , or an XLSX workbook's first sheet) has one answer per row with the
columns Kommun, Roll, Fråga, Svar. A municipality is given by name or code; a question by its
text as configured in SurveyQuestion (case, spaces and a trailing "?" do not matter); an answer
must be one of the question's answers. Any bad row stops the whole import: every error is
reported with its row and column, and nothing is written. The file is streamed (openpyxl
read-only, csv over decoded lines) through the imports pipeline (samverka.imports).

Importing a year again replaces that year's answers, so an import can be repeated safely.
"""

import codecs
import csv
import dataclasses
import io
import itertools
from collections import defaultdict
from collections.abc import Iterator
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
from samverka.imports import limits
from samverka.imports.pipeline import (
    MAX_PROBLEMS,
    Counts,
    ImportProblem,
    ImportRefused,
    clean,
    record,
    sha256_of,
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


class SurveyImportError(ImportRefused):
    """The survey file was refused; `errors` are its located problems (row, column)."""

    def __init__(self, filename: str, errors: list[ImportProblem]) -> None:
        # A problem of the file as a whole is placed on the file.
        super().__init__(
            [e if e.row or e.file else dataclasses.replace(e, file=filename) for e in errors]
        )
        self.filename = filename

    @property
    def errors(self) -> list[ImportProblem]:
        return self.problems


def RowError(row: int, column: str, message: str) -> ImportProblem:  # noqa: N802
    """A problem on a row (0: the file as a whole) and column of the survey file."""
    return ImportProblem(message, row=row or None, column=column)


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split()).rstrip("?").strip()


def iter_rows(filename: str, file) -> Iterator[list[str]]:
    """The file's rows, one at a time (openpyxl read-only, or the csv reader over decoded
    lines): memory does not grow with the file."""
    if filename.lower().endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a broken file
            raise SurveyImportError(
                filename, [RowError(0, "", f"filen går inte att läsa som XLSX ({exc})")]
            ) from exc
        try:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield ["" if cell is None else str(cell).strip() for cell in row]
        finally:
            workbook.close()
        return
    lines = codecs.iterdecode(file, "utf-8-sig")
    first = next(lines, "")
    try:
        dialect = csv.Sniffer().sniff(first or ",", delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(itertools.chain([first], lines), dialect):
        yield [cell.strip() for cell in row]


def import_survey(filename: str, content, year: int) -> FetchRun:
    """Validate every row, then replace the year's answers and compute the shares.

    `content` is the file (an upload or a binary file) or its bytes. The imports pipeline:
    size limit, rows streamed (row limit), each answer resolved and full_clean'ed, then
    saved in one transaction with one audit entry (`imports.survey`).
    """
    try:
        return _import(filename, content, year)
    except SurveyImportError:
        raise
    except ImportRefused as exc:  # a limit of the pipeline: same page, same shape
        raise SurveyImportError(filename, exc.problems) from exc


def _import(filename: str, content, year: int) -> FetchRun:
    if isinstance(content, bytes | bytearray):
        content = io.BytesIO(content)
    kind = limits.XLSX if filename.lower().endswith(".xlsx") else limits.CSV
    size = getattr(content, "size", None)
    if size is not None:
        limits.check_size(size, kind, filename)
    sha, size = sha256_of(content)
    limits.check_size(size, kind, filename)
    rows = limits.rows(iter_rows(filename, content), file_name=filename)
    try:
        parsed, read = _parse(filename, rows, year)
    except UnicodeDecodeError as exc:
        raise SurveyImportError(
            filename, [RowError(0, "", "filen är inte UTF-8-kodad text (CSV) eller XLSX")]
        ) from exc
    except csv.Error as exc:
        raise SurveyImportError(
            filename, [RowError(0, "", f"filen är ingen läsbar CSV ({exc})")]
        ) from exc

    with transaction.atomic():
        recorder = Recorder(FetchRun.Service.SURVEY)
        deleted, _ = SurveyResponse.objects.filter(year=year).delete()
        SurveyResponse.objects.bulk_create(parsed, batch_size=1000)
        _store_shares(year, parsed, filename, recorder)
        recorder.notes.insert(0, f"{filename}: {len(parsed)} svar för {year}.")
        run = recorder.finish()
        record(
            run,
            "imports.survey",
            file_name=filename,
            sha256=sha,
            counts=Counts(read=read, created=len(parsed), deleted=deleted),
            year=year,
        )
        return run


def _parse(filename: str, rows: Iterator[list[str]], year: int):
    """Resolve and clean every row; returns (unsaved responses, rows read) or raises."""
    errors: list[ImportProblem] = []
    header = next(rows, None)
    if not header or not any(header):
        raise SurveyImportError(filename, [RowError(1, "", "filen är tom")])
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
    columns = {"respondent_role": labels["role"], "answer": labels["answer"]}
    parsed: list[SurveyResponse] = []
    read = 0
    for number, row in enumerate(rows, start=2):
        if not any(cell for cell in row):
            continue
        read += 1
        cells = {field: (row[i] if i < len(row) else "") for field, i in positions.items()}
        row_errors = []
        member = members.get(_key(cells["member"]))
        if member is None:
            row_errors.append(
                RowError(
                    number, labels["member"], f"”{cells['member'][:80]}” är ingen medlemskommun"
                )
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
                        f"”{cells['answer'][:80]}” är inget av svarsalternativen "
                        f"({', '.join(question.answer_scale)})",
                    )
                )
        if not row_errors:
            response = SurveyResponse(
                year=year,
                member=member,
                respondent_role=cells["role"],
                question=question,
                answer=answer,
                row_number=number,
            )
            row_errors = clean(
                response, columns=columns, exclude=["member", "question"], row=number
            )
            parsed.append(response)
        if row_errors:
            errors.extend(row_errors)
            if len(errors) >= MAX_PROBLEMS:
                break
    if errors:
        raise SurveyImportError(filename, errors[:MAX_PROBLEMS])
    if not parsed:
        raise SurveyImportError(filename, [RowError(2, "", "filen innehåller inga svar")])
    return parsed, read


def share(answers: list[str], question: SurveyQuestion) -> Decimal | None:
    """Per cent of the answers that count as "uppger", leaving out the excluded ones."""
    base = [a for a in answers if a not in question.excluded_answers]
    if not base:
        return None
    counted = sum(1 for a in base if a in question.counted_answers)
    return (Decimal(counted) * 100 / len(base)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def _store_shares(
    year: int, parsed: list[SurveyResponse], filename: str, recorder: Recorder
) -> None:
    grouped: dict[SurveyQuestion, dict[Member, list[str]]] = defaultdict(lambda: defaultdict(list))
    for response in parsed:
        grouped[response.question][response.member].append(response.answer)
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
