"""XLSX: the budget of a period in one template (export and all-or-nothing import), and the
member fee invoice basis (debiteringsunderlag)."""

import io
import re
from decimal import Decimal, InvalidOperation

from django.db.models import F
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samverka.budget.fees import FeeBasis
from samverka.budget.models import KIND_ORDER, BudgetLine, LineKind, StatedFigure
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


class ImportErrors(Exception):
    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def _amount(value) -> Decimal:
    if isinstance(value, bool):
        raise AmountError("sant/falskt är inte ett belopp")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            amount = Decimal(repr(value))
        except InvalidOperation as exc:  # pragma: no cover - repr of a float is a number
            raise AmountError(f"”{value}” är inte ett belopp") from exc
        if amount != amount.quantize(Decimal("0.01")):
            raise AmountError(f"”{value}” har fler än två decimaler")
        return amount
    if value is None or str(value).strip() == "":
        raise AmountError("belopp saknas")
    return parse_amount(str(value))


def _rows(wb, sheet: str, headers: list[str], errors: list[str]):
    if sheet not in wb.sheetnames:
        errors.append(f"Bladet ”{sheet}” saknas i filen.")
        return []
    ws = wb[sheet]
    found = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), [])][: len(headers)]
    if [str(v or "").strip() for v in found] != headers:
        errors.append(
            f"Blad ”{sheet}”, rad 1: rubrikerna ska vara {', '.join(headers)} (i den ordningen)."
        )
        return []
    rows = []
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = list(row[: len(headers)]) + [None] * (len(headers) - len(row))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append((number, values))
    return rows


def _where(sheet, row, col, headers) -> str:
    return f"Blad ”{sheet}”, rad {row}, kolumn {get_column_letter(col + 1)} ({headers[col]})"


def import_budget(period: PlanningPeriod, file) -> dict[str, int]:
    """Replace the period's lines and stated figures with the file's; all or nothing.

    Raises ImportErrors listing every bad cell (sheet, row, column) before anything is written.
    Importing the same file again changes nothing.
    """
    errors: list[str] = []
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is not xlsx
        raise ImportErrors([f"Filen kunde inte läsas som en Excelfil (.xlsx): {exc}"]) from exc
    units = {u.code: u for u in Unit.objects.filter(federation=period.federation)}
    lines: dict[tuple[str, str], dict] = {}
    for number, (unit, code, kind, label, amount, source) in _rows(
        wb, LINES_SHEET, LINE_HEADERS, errors
    ):
        where = lambda col, n=number: _where(LINES_SHEET, n, col, LINE_HEADERS)  # noqa: E731
        unit, code, kind = (str(v or "").strip() for v in (unit, code, kind))
        ok = True
        if unit != TOTAL and unit not in units:
            errors.append(f"{where(0)}: okänd enhet ”{unit}”.")
            ok = False
        if not _CODE.match(code):
            errors.append(f"{where(1)}: radkoden ”{code}” får bara innehålla a–z, 0–9 och -.")
            ok = False
        if kind not in LineKind.values:
            errors.append(f"{where(2)}: okänt slag ”{kind}” (se bladet Anvisning).")
            ok = False
        if not str(label or "").strip():
            errors.append(f"{where(3)}: rubrik saknas.")
            ok = False
        try:
            value = _amount(amount)
        except AmountError as exc:
            errors.append(f"{where(4)}: {exc}.")
            ok = False
        if ok and (unit, code) in lines:
            errors.append(f"{where(1)}: radkoden ”{code}” finns redan för ”{unit}”.")
            ok = False
        if ok:
            lines[(unit, code)] = {
                "kind": kind,
                "label": str(label).strip(),
                "amount": value,
                "source": str(source or "").strip(),
                "sort_order": KIND_ORDER[kind],
            }
    stated: dict[tuple[str, str], dict] = {}
    for number, (unit, figure, amount, source) in _rows(wb, STATED_SHEET, STATED_HEADERS, errors):
        where = lambda col, n=number: _where(STATED_SHEET, n, col, STATED_HEADERS)  # noqa: E731
        unit, figure = str(unit or "").strip(), str(figure or "").strip()
        ok = True
        if unit != TOTAL and unit not in units:
            errors.append(f"{where(0)}: okänd enhet ”{unit}”.")
            ok = False
        if figure not in StatedFigure.Figure.values:
            errors.append(f"{where(1)}: okänd summa ”{figure}” (se bladet Anvisning).")
            ok = False
        try:
            value = _amount(amount)
        except AmountError as exc:
            errors.append(f"{where(2)}: {exc}.")
            ok = False
        if ok and (unit, figure) in stated:
            errors.append(f"{where(1)}: summan ”{figure}” finns redan för ”{unit}”.")
            ok = False
        if ok:
            stated[(unit, figure)] = {"amount": value, "source": str(source or "").strip()}
    if errors:
        raise ImportErrors(errors)
    period.check_editable()
    counts = {"created": 0, "updated": 0, "deleted": 0}

    def sync(model, existing, wanted, key_field, make_lookup):
        for key, obj in existing.items():
            if key not in wanted:
                obj.delete()
                counts["deleted"] += 1
        for key, values in wanted.items():
            obj = existing.get(key)
            if obj is None:
                model.objects.create(**make_lookup(key), **values)
                counts["created"] += 1
                continue
            changed = [n for n, v in values.items() if getattr(obj, n) != v]
            if changed:
                for n in changed:
                    setattr(obj, n, values[n])
                obj.save()
                counts["updated"] += 1

    def lookup(key_field):
        def make(key):
            unit_code, value = key
            return {"period": period, "unit": units.get(unit_code), key_field: value}

        return make

    def key(obj, field):
        return (obj.unit.code if obj.unit else TOTAL, getattr(obj, field))

    existing_lines = {
        key(o, "code"): o for o in BudgetLine.objects.filter(period=period).select_related("unit")
    }
    sync(BudgetLine, existing_lines, lines, "code", lookup("code"))
    existing_stated = {
        key(o, "figure"): o
        for o in StatedFigure.objects.filter(period=period).select_related("unit")
    }
    sync(StatedFigure, existing_stated, stated, "figure", lookup("figure"))
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
