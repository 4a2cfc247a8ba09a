"""lib.tabular's writers: Swedish headers, numbers as numbers, sheet names Excel accepts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from samverka.lib.tabular import Column, Kind, Table, rows_of, to_csv, to_xlsx


def _fees() -> Table:
    table = Table(
        "medlemsavgifter-2026",
        "Medlemsavgifter 2026",
        [
            Column("kommun", "Kommun"),
            Column("invanare", "Invånare", Kind.INTEGER),
            Column("avgift", "Avgift (kr)", Kind.MONEY),
            Column("andel", "Andel", Kind.PERCENT, 2),
            Column("per", "Folkmängd per", Kind.DATE),
        ],
        source="50,55 kr per invånare",
        notes=["Folkmängd saknas för: Skövde."],
    )
    table.add("Götene", 13286, Decimal("671607.30"), Decimal("4.93"), datetime.date(2024, 12, 31))
    table.add("Grästorp", 5555, Decimal("280805.25"), None, None)
    table.add("Summa", 18841, Decimal("952412.55"), None, None, emphasis=True)
    return table


def _sheet(table_or_tables):
    tables = table_or_tables if isinstance(table_or_tables, list) else [table_or_tables]
    return load_workbook(io.BytesIO(to_xlsx(tables)))


def test_the_xlsx_has_the_title_then_the_swedish_headers_then_numbers_as_numbers():
    sheet = _sheet(_fees()).active
    assert sheet["A1"].value == "Medlemsavgifter 2026"
    assert [c.value for c in sheet[2]] == [
        "Kommun",
        "Invånare",
        "Avgift (kr)",
        "Andel",
        "Folkmängd per",
    ]
    assert isinstance(sheet["B3"].value, int) and sheet["B3"].value == 13286
    assert isinstance(sheet["C3"].value, float) and sheet["C3"].value == pytest.approx(671607.30)
    assert sheet["D3"].value == pytest.approx(4.93) and sheet["D3"].number_format == "#,##0.00"
    assert sheet["E3"].value == datetime.datetime(2024, 12, 31)
    assert sheet["E3"].number_format == "yyyy-mm-dd"
    assert sheet["A5"].font.bold and not sheet["A3"].font.bold


def test_a_decimal_with_ore_keeps_its_ore_in_the_cell_and_in_the_format():
    sheet = _sheet(_fees()).active
    assert sheet["C4"].value == pytest.approx(280805.25)
    assert sheet["C4"].number_format == "#,##0.00"
    whole = Table("t", "T", [Column("belopp", "Belopp", Kind.MONEY)])
    whole.add(Decimal("64295000.00"))
    cell = _sheet(whole).active["A3"]
    assert cell.value == 64295000 and isinstance(cell.value, int)
    assert cell.number_format == "#,##0"


def test_the_source_and_notes_follow_the_table():
    values = [row[0] for row in _sheet(_fees()).active.iter_rows(values_only=True)]
    assert values[-3:] == ["50,55 kr per invånare", None, "Folkmängd saknas för: Skövde."]


def test_sheet_names_are_unique_at_most_31_characters_and_without_forbidden_signs():
    long = "Budget Omställning Skaraborg 2026: enheten [jämförd] med 2025"
    tables = [Table(f"t{n}", long, [Column("a", "A")]) for n in range(3)]
    tables.append(Table("u", "Budget Omställning Skaraborg 2026: enheten [JÄMFÖRD]", []))
    names = _sheet(tables).sheetnames
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == 4
    assert not any(sign in name for name in names for sign in "[]:*?/\\")
    assert names[1].endswith("(2)") and names[2].endswith("(3)")


def test_the_csv_for_excel_is_utf8_with_bom_semicolons_and_decimal_comma():
    data = to_csv(_fees(), for_excel=True)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kommun", "Invånare", "Avgift (kr)", "Andel", "Folkmängd per"]
    assert rows[1] == ["Götene", "13286", "671607,30", "4,93", "2024-12-31"]
    assert rows[2][3:] == ["", ""]


def test_the_csv_for_open_data_has_column_keys_comma_and_decimal_point():
    text = to_csv(_fees(), for_excel=False).decode("utf-8")
    assert not text.startswith("\ufeff")
    lines = text.splitlines()
    assert lines[0] == "kommun,invanare,avgift,andel,per"
    assert lines[1] == "Götene,13286,671607.30,4.93,2024-12-31"


def test_whole_kronor_are_written_without_decimals():
    table = Table("t", "T", [Column("belopp", "Belopp", Kind.MONEY)])
    table.add(Decimal("64295000.00"))
    assert to_csv(table).decode("utf-8-sig").splitlines()[1] == "64295000"


def test_a_column_without_fixed_decimals_prints_each_value_as_written():
    column = Column("varde", "Värde", Kind.DECIMAL, None)
    assert column.text(Decimal("268788")) == "268\u00a0788"
    assert column.text(Decimal("54.3")) == "54,3"
    assert column.text(Decimal("0.125")) == "0,125"
    table = Table("v", "V", [column])
    table.add(Decimal("268788"))
    table.add(Decimal("54.3"))
    sheet = _sheet(table).active
    assert sheet["A3"].number_format == "#,##0" and sheet["A4"].number_format == "#,##0.0"


def test_the_formatted_rows_read_like_a_swedish_document():
    rows = list(rows_of(_fees()))
    assert rows[1] == ["Götene", "13\u00a0286", "671\u00a0607", "4,93\u00a0%", "2024-12-31"]
    assert rows[2][3:] == ["", ""]


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="2 values for 5 columns"):
        _fees().add("Hjo", 9350)


def test_a_float_is_never_formatted_as_money():
    with pytest.raises(TypeError):
        Column("a", "A", Kind.MONEY).text(1.5)


def test_a_lazily_translated_label_becomes_text_and_a_float_is_refused():
    from django.utils.translation import gettext_lazy

    table = Table("t", "T", [Column("rad", "Rad"), Column("belopp", "Belopp", Kind.MONEY)])
    table.add(gettext_lazy("SUMMA INTÄKTER"), Decimal(64295000))
    assert type(table.rows[0].values[0]) is str
    assert _sheet(table).active["A3"].value == "SUMMA INTÄKTER"
    with pytest.raises(TypeError, match="flyttal"):
        table.add("Rad", 1.5)


def test_a_long_title_is_cut_at_a_word_for_its_sheet_unless_the_table_names_its_sheet():
    long = Table("a", "Skaraborgs Kommunalförbund Driftbudget, totalt (som tryckt)", [])
    named = Table("b", "Förbundet sammanställt från enheterna", [], sheet="Sammanställning")
    assert _sheet([long, named]).sheetnames == [
        "Skaraborgs Kommunalförbund…",
        "Sammanställning",
    ]
