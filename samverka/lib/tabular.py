"""A table of typed values with Swedish headers: the one shape that a page's export, a generated
document and an open data set all read.

A `Table` holds raw values (Decimal, int, str, date, None), never formatted text, so that each
output formats them its own way: a document prints "64 295 000" and "42,65 %", an XLSX cell
holds the number 64295000 with a Swedish number format, a CSV for the open data holds 64295000.
Knows nothing of the domain; the data sets themselves are built in the apps (`<app>/tables.py`).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from samverka.lib.money import format_number, format_percent

Value = Decimal | int | str | datetime.date | None


class Kind(StrEnum):
    TEXT = "text"
    MONEY = "money"  # Decimal kronor, printed whole ("64 295 000")
    INTEGER = "integer"  # a count or a population
    DECIMAL = "decimal"  # a measured value with `decimals` places
    PERCENT = "percent"  # Decimal percent points: 42.65 is "42,65 %"
    DATE = "date"  # ISO 8601, as Swedish documents write dates

    @property
    def numeric(self) -> bool:
        return self in (Kind.MONEY, Kind.INTEGER, Kind.DECIMAL, Kind.PERCENT)


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # a stable identifier: the JSON field and the CSV header of open data
    label: str  # the Swedish header a page, a document and an export show
    kind: Kind = Kind.TEXT
    # For DECIMAL and PERCENT; None: as many as the value has (a column of measured values
    # whose precision differs by row, e.g. one indicator counted, another in per cent).
    decimals: int | None = 0

    def places(self, value: Value) -> int:
        if self.decimals is not None:
            return self.decimals
        if isinstance(value, Decimal) and isinstance(value.as_tuple().exponent, int):
            return max(0, -value.as_tuple().exponent)
        return 0

    def text(self, value: Value) -> str:
        """The value as a Swedish document prints it; an empty cell for None."""
        if value is None or value == "":
            return ""
        if self.kind == Kind.TEXT:
            return str(value)
        if self.kind == Kind.DATE:
            return value.isoformat() if isinstance(value, datetime.date) else str(value)
        if self.kind == Kind.PERCENT:
            return format_percent(_number(value), self.places(value))
        if self.kind == Kind.DECIMAL:
            return format_number(_number(value), self.places(value))
        return format_number(_number(value))


def _number(value: Value) -> Decimal | int:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"Inte ett tal: {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Row:
    values: tuple[Value, ...]
    emphasis: bool = False  # a sum or result row: bold, with a rule above
    level: int = 0  # indentation of the first cell (a line under its group)


@dataclass(slots=True)
class Table:
    """Rows of typed values under typed columns, with the title and source a reader needs."""

    key: str  # file name stem of an export and the open data set's identifier ("budget-2026")
    title: str  # Swedish caption ("Driftbudget totalt 2026")
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    source: str = ""  # where the figures come from, printed under the table
    notes: list[str] = field(default_factory=list)
    sheet: str = ""  # a short name for its sheet in an XLSX (at most 31 characters); else the title

    def add(self, *values: Value, emphasis: bool = False, level: int = 0) -> None:
        if len(values) != len(self.columns):
            raise ValueError(f"{self.key}: {len(values)} values for {len(self.columns)} columns")
        self.rows.append(Row(tuple(_raw(self.key, v) for v in values), emphasis, level))

    def texts(self, row: Row) -> list[str]:
        return [column.text(value) for column, value in zip(self.columns, row.values, strict=True)]

    def records(self) -> list[dict[str, Value]]:
        """Each row as {column key: raw value}: what JSON open data and the API serve."""
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row.values, strict=True)) for row in self.rows]


def _raw(key: str, value: object) -> Value:
    """A raw value as the writers take it. A lazily translated label (a row label from
    gettext_lazy) becomes its text in the active language here; a float is refused."""
    if value is None or isinstance(value, Decimal | int | str | datetime.date):
        return value
    if isinstance(value, float):
        raise TypeError(f"{key}: {value!r} är ett flyttal; använd Decimal")
    return str(value)


# --- Writers -------------------------------------------------------------------------------


def _csv_value(value: Value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Whole kronor without ".00", so that a spreadsheet and a script read the same integer.
        text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def to_csv(table: Table, *, for_excel: bool = True) -> bytes:
    """CSV with the Swedish headers.

    for_excel: what a controller opens in a Swedish Excel (semicolon, decimal comma, UTF-8 with
    BOM so that å, ä, ö survive). Otherwise RFC 4180 as open data portals expect (comma, decimal
    point, column keys as headers, no BOM)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if for_excel else ",", lineterminator="\r\n")
    writer.writerow([c.label if for_excel else c.key for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(v, for_excel) for v in row.values])
    text = out.getvalue()
    return ("\ufeff" + text if for_excel else text).encode("utf-8")


_XLSX_FORMATS = {
    Kind.MONEY: "#,##0",
    Kind.INTEGER: "#,##0",
    Kind.DATE: "yyyy-mm-dd",
}


def _xlsx_format(column: Column, value: Value) -> str | None:
    if column.kind == Kind.MONEY and isinstance(value, Decimal) and value != value.to_integral():
        return "#,##0.00"  # a fee with öre keeps them in the cell and shows them
    if column.kind in (Kind.DECIMAL, Kind.PERCENT):
        places = column.places(value)
        return "#,##0" + ("." + "0" * places if places else "")
    return _XLSX_FORMATS.get(column.kind)


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table: title, Swedish headers, numbers as numbers (Excel shows them with the
    reader's own separators), sum rows bold, and the source under the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.sheet or table.title or table.key, used))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([c.label for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row.values])
            excel_row = sheet.max_row
            for index, column in enumerate(table.columns, start=1):
                cell = sheet.cell(excel_row, index)
                value = row.values[index - 1]
                if (number_format := _xlsx_format(column, value)) and value is not None:
                    cell.number_format = number_format
                if row.emphasis:
                    cell.font = Font(bold=True)
        for note in [table.source, *table.notes]:
            if note:
                sheet.append([])
                sheet.append([note])
        for index, column in enumerate(table.columns, start=1):
            width = max(
                [len(column.label), *(len(column.text(r.values[index - 1])) for r in table.rows)]
            )
            sheet.column_dimensions[sheet.cell(2, index).column_letter].width = min(60, width + 2)
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(value: Value):
    if isinstance(value, Decimal):
        # openpyxl writes Decimal as a number; whole kronor as int keep "64295000" exact.
        return int(value) if value == value.to_integral() else value
    return value


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique without regard to case.
    A longer title is cut at a word and marked with an ellipsis."""
    name = "".join(ch for ch in title if ch not in "[]:*?/\\").strip() or "Tabell"
    if len(name) > 31:
        cut = name[:30]
        name = (cut.rsplit(" ", 1)[0] if " " in cut[10:] else cut).rstrip(" ,–-") + "…"
    candidate, n = name, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def rows_of(table: Table) -> Iterable[list[str]]:
    """Formatted text of every row, header first: for a quick look or a plain-text test."""
    yield [c.label for c in table.columns]
    for row in table.rows:
        yield table.texts(row)
