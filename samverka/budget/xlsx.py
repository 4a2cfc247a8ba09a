"""XLSX: the budget of a period in one template (export and all-or-nothing import), and the
member fee invoice basis (debiteringsunderlag)."""

import io
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samverka.budget.fees import FeeBasis
from samverka.budget.models import KIND_ORDER, BudgetLine, LineKind, StatedFigure
from samverka.imports import limits
from samverka.imports.pipeline import (
    Counts,
    ImportProblem,
    ImportRefused,
    clean,
    record,
    refuse_if,
    sha256_of,
)
from samverka.lib.money import AmountError, parse_amount
from samverka.orgs.models import PlanningPeriod, Unit

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LINES_SHEET = "Budgetrader"
STATED_SHEET = "Tryckta summor"
TOTAL = "totalt"
LINE_HEADERS = ["Enhet", "Radkod", "Slag", "Rubrik", "Belopp (kr)", "Källa"]
STATED_HEADERS = ["Enhet", "Summa", "Belopp (kr)", "Källa"]
_CODE = re.compile(r"^[a-z0-9-]+$")


def response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    resp = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def _cell_amount(amount: Decimal) -> int | Decimal:
    return int(amount) if amount == amount.to_integral_value() else amount


def _header(ws, headers: list[str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n, text in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(n)].width = max(14, len(text) + 4)


def budget_workbook(period: PlanningPeriod) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = LINES_SHEET
    _header(ws, LINE_HEADERS)
    ws.column_dimensions["D"].width = 32
    lines = BudgetLine.objects.filter(period=period).select_related("unit")
    for line in lines.order_by(F("unit__sort_order").asc(nulls_first=True), "sort_order", "code"):
        ws.append(
            [
                line.unit.code if line.unit else TOTAL,
                line.code,
                line.kind,
                line.label,
                _cell_amount(line.amount),
                line.source,
            ]
        )
    st = wb.create_sheet(STATED_SHEET)
    _header(st, STATED_HEADERS)
    for fig in StatedFigure.objects.filter(period=period).select_related("unit"):
        st.append(
            [fig.unit.code if fig.unit else TOTAL, fig.figure, _cell_amount(fig.amount), fig.source]
        )
    help_ws = wb.create_sheet("Anvisning")
    help_ws.append(
        [f"Budget {period.year}. Enhet: enhetens kod eller ”{TOTAL}” för totaltabellen."]
    )
    help_ws.append(["Kostnader anges negativa. Importen ersätter årets alla rader med filens."])
    help_ws.append(["Slag", "Betydelse"])
    for value, label in LineKind.choices:
        help_ws.append([value, str(label)])
    help_ws.append(["Summa", "Betydelse"])
    for value, label in StatedFigure.Figure.choices:
        help_ws.append([value, str(label)])
    return wb


def _amount(value) -> Decimal:
    if isinstance(value, bool):
        raise AmountError("sant/falskt är inte ett belopp")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            amount = Decimal(repr(value))
        except InvalidOperation as exc:  # inf and nan are floats too
            raise AmountError(f"”{value}” är inte ett belopp") from exc
        if not amount.is_finite():
            raise AmountError(f"”{value}” är inte ett belopp")
        try:
            rounded = amount.quantize(Decimal("0.01"))
        except InvalidOperation as exc:  # more digits than any amount has
            raise AmountError(f"”{value}” är för stort för ett belopp") from exc
        if amount != rounded:
            raise AmountError(f"”{value}” har fler än två decimaler")
        return amount
    if value is None or str(value).strip() == "":
        raise AmountError("belopp saknas")
    return parse_amount(str(value))


def _column(col: int, headers: list[str]) -> str:
    return f"{get_column_letter(col + 1)} ({headers[col]})"


def _rows(wb, sheet: str, headers: list[str], file_name: str, problems: list[ImportProblem]):
    if sheet not in wb.sheetnames:
        problems.append(ImportProblem(f"bladet ”{sheet}” saknas i filen.", file=file_name))
        return []
    ws = wb[sheet]
    found = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), [])][: len(headers)]
    if [str(v or "").strip() for v in found] != headers:
        problems.append(
            ImportProblem(
                f"rubrikerna ska vara {', '.join(headers)} (i den ordningen).", sheet=sheet, row=1
            )
        )
        return []
    rows = []
    for number, row in limits.rows(
        enumerate(ws.iter_rows(min_row=2, values_only=True), start=2),
        file_name=file_name,
        sheet=sheet,
        first=2,
    ):
        values = list(row[: len(headers)]) + [None] * (len(headers) - len(row))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append((number, values))
    return rows


def _text(value) -> str:
    return str(value if value is not None else "").strip()


# Where each model field comes from, for the messages of full_clean.
LINE_COLUMNS = {
    name: _column(i, LINE_HEADERS)
    for i, name in enumerate(["unit", "code", "kind", "label", "amount", "source"])
}
STATED_COLUMNS = {
    name: _column(i, STATED_HEADERS)
    for i, name in enumerate(["unit", "figure", "amount", "source"])
}


def import_budget(period: PlanningPeriod, file, *, file_name: str | None = None) -> dict[str, int]:
    """Replace the period's lines and stated figures with the file's; all or nothing.

    The imports pipeline: read (size and row limits) → resolve units and codes → full_clean
    every line as it would be saved → save in one transaction with one audit entry
    (`imports.budget_xlsx`, counts and SHA-256). Raises ImportRefused listing every bad cell
    (sheet, row, column) before anything is written. Importing the same file again changes
    nothing.
    """
    file_name = file_name or getattr(file, "name", None) or "budget.xlsx"
    if getattr(file, "size", None) is not None:
        limits.check_size(file.size, limits.XLSX, file_name)
    sha, size = sha256_of(file)
    limits.check_size(size, limits.XLSX, file_name)
    problems: list[ImportProblem] = []
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is not xlsx
        raise ImportRefused(
            ImportProblem(f"filen kunde inte läsas som en Excelfil (.xlsx): {exc}", file=file_name)
        ) from exc
    try:
        lines, stated = _read_workbook(period, wb, file_name, problems)
    finally:
        wb.close()
    refuse_if(problems)
    period.check_editable()
    with transaction.atomic():
        counts = _save(period, lines, stated)
        counts.read = len(lines[1]) + len(stated[1])
        record(period, "imports.budget_xlsx", file_name=file_name, sha256=sha, counts=counts)
    return {"created": counts.created, "updated": counts.updated, "deleted": counts.deleted}


def _read_workbook(period, wb, file_name: str, problems: list[ImportProblem]):
    """Read and resolve both sheets into unsaved, cleaned instances keyed (unit code, code)."""
    units = {u.code: u for u in Unit.objects.filter(federation=period.federation)}
    existing_lines = {
        (o.unit.code if o.unit else TOTAL, o.code): o
        for o in BudgetLine.objects.filter(period=period).select_related("unit")
    }
    existing_stated = {
        (o.unit.code if o.unit else TOTAL, o.figure): o
        for o in StatedFigure.objects.filter(period=period).select_related("unit")
    }
    lines: dict[tuple[str, str], BudgetLine] = {}
    for number, (unit, code, kind, label, amount, source) in _rows(
        wb, LINES_SHEET, LINE_HEADERS, file_name, problems
    ):

        def at(col: int, message: str, n=number) -> ImportProblem:
            return ImportProblem(
                message, sheet=LINES_SHEET, row=n, column=_column(col, LINE_HEADERS)
            )

        unit, code, kind = _text(unit), _text(code), _text(kind)
        before = len(problems)
        if unit != TOTAL and unit not in units:
            problems.append(at(0, f"okänd enhet ”{unit[:60]}”."))
        if not _CODE.match(code):
            problems.append(at(1, f"radkoden ”{code[:60]}” får bara innehålla a–z, 0–9 och -."))
        if kind not in LineKind.values:
            problems.append(at(2, f"okänt slag ”{kind[:60]}” (se bladet Anvisning)."))
        if not _text(label):
            problems.append(at(3, "rubrik saknas."))
        try:
            value = _amount(amount)
        except AmountError as exc:
            problems.append(at(4, f"{exc}."))
        if len(problems) == before and (unit, code) in lines:
            problems.append(at(1, f"radkoden ”{code}” finns redan för ”{unit}”."))
        if len(problems) > before:
            continue
        line = existing_lines.get((unit, code)) or BudgetLine(
            period=period, unit=units.get(unit), code=code
        )
        line._import_values = {
            "kind": kind,
            "label": _text(label),
            "amount": value,
            "source": _text(source),
            "sort_order": KIND_ORDER[kind],
        }
        _assign(line)
        problems += clean(line, columns=LINE_COLUMNS, sheet=LINES_SHEET, row=number)
        lines[(unit, code)] = line
    stated: dict[tuple[str, str], StatedFigure] = {}
    for number, (unit, figure, amount, source) in _rows(
        wb, STATED_SHEET, STATED_HEADERS, file_name, problems
    ):

        def at(col: int, message: str, n=number) -> ImportProblem:
            return ImportProblem(
                message, sheet=STATED_SHEET, row=n, column=_column(col, STATED_HEADERS)
            )

        unit, figure = _text(unit), _text(figure)
        before = len(problems)
        if unit != TOTAL and unit not in units:
            problems.append(at(0, f"okänd enhet ”{unit[:60]}”."))
        if figure not in StatedFigure.Figure.values:
            problems.append(at(1, f"okänd summa ”{figure[:60]}” (se bladet Anvisning)."))
        try:
            value = _amount(amount)
        except AmountError as exc:
            problems.append(at(2, f"{exc}."))
        if len(problems) == before and (unit, figure) in stated:
            problems.append(at(1, f"summan ”{figure}” finns redan för ”{unit}”."))
        if len(problems) > before:
            continue
        fig = existing_stated.get((unit, figure)) or StatedFigure(
            period=period, unit=units.get(unit), figure=figure
        )
        fig._import_values = {"amount": value, "source": _text(source)}
        _assign(fig)
        problems += clean(fig, columns=STATED_COLUMNS, sheet=STATED_SHEET, row=number)
        stated[(unit, figure)] = fig
    return (existing_lines, lines), (existing_stated, stated)


def _assign(obj) -> None:
    obj._import_changed = [n for n, v in obj._import_values.items() if getattr(obj, n, None) != v]
    for name, value in obj._import_values.items():
        setattr(obj, name, value)


def _save(period, lines, stated) -> Counts:
    counts = Counts()
    for existing, wanted in (lines, stated):
        for key, obj in existing.items():
            if key not in wanted:
                obj.delete()
                counts.deleted += 1
        for obj in wanted.values():
            if obj.pk is None:
                obj.save()
                counts.created += 1
            elif obj._import_changed:
                obj.save()
                counts.updated += 1
    return counts


def fee_invoice_workbook(basis: FeeBasis) -> Workbook:
    model = basis.model
    wb = Workbook()
    ws = wb.active
    ws.title = "Debiteringsunderlag"
    ws.append([f"Debiteringsunderlag medlemsavgift {model.period.year}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(
        [
            f"Avgift {model.rate_per_inhabitant} kr per invånare; folkmängd per "
            f"{model.population_reference_date:%Y-%m-%d}. Källa: {model.source}"
        ]
    )
    ws.append([])
    headers = [
        "Kommun",
        "Kommunkod",
        "Folkmängd",
        "Avgift per invånare (kr)",
        "Avgift (kr)",
        "Anmärkning",
    ]
    ws.append(headers)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for n, width in enumerate([16, 12, 12, 24, 16, 40], start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    for row in basis.rows:
        ws.append(
            [
                row.member.name,
                row.member.municipality_code,
                row.inhabitants,
                model.rate_per_inhabitant,
                row.fee,
                "" if row.fee is not None else "Folkmängd saknas: avgiften kan inte beräknas",
            ]
        )
        ws.cell(ws.max_row, 5).number_format = "#,##0.00"
    ws.append([])
    ws.append(["Summa beräknade avgifter", None, basis.known_inhabitants, None, basis.total_fees])
    ws.append(["Budgeterade medlemsavgifter", None, None, None, model.budgeted_income])
    ws.append(["Skillnad", None, None, None, basis.difference])
    if basis.missing:
        ws.append(
            [
                "Folkmängd som budgeten motsvarar",
                None,
                basis.implied_inhabitants,
                None,
                None,
                f"Saknade medlemmar bör tillsammans ha {basis.implied_missing_inhabitants} inv.",
            ]
        )
    return wb
