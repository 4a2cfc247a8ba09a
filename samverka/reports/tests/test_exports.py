"""The shared download helper: what a table page's CSV and XLSX links give."""

import csv
import io
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from openpyxl import load_workbook

from samverka.lib.tabular import Column, Kind, Table
from samverka.reports import exports


def _table(key="avgifter-2026", title="Medlemsavgifter 2026") -> Table:
    table = Table(
        key,
        title,
        [
            Column("kommun", "Kommun"),
            Column("invanare", "Invånare", Kind.INTEGER),
            Column("avgift", "Avgift (kr)", Kind.MONEY),
        ],
    )
    table.add("Götene", 13286, Decimal("671607.30"))
    table.add("Lidköping", 40425, Decimal("2043483.75"))
    return table


def _get(path="/budget/2026/", **params):
    return RequestFactory().get(path, params)


def test_the_xlsx_is_an_attachment_named_after_the_stem_with_one_sheet_per_table():
    tables = [_table(), _table("enheter-2026", "Enheter 2026")]
    response = exports.export_response(_get(format="xlsx"), tables, "budget-2026")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="budget-2026.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Medlemsavgifter 2026", "Enheter 2026"]
    sheet = workbook["Medlemsavgifter 2026"]
    assert [c.value for c in sheet[2]] == ["Kommun", "Invånare", "Avgift (kr)"]
    assert sheet["B3"].value == 13286 and sheet["C4"].value == pytest.approx(2043483.75)


def test_the_csv_is_for_swedish_excel_bom_semicolons_and_decimal_comma():
    response = exports.export_response(_get(format="csv"), [_table()], "avgifter-2026")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="avgifter-2026.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Kommun", "Invånare", "Avgift (kr)"],
        ["Götene", "13286", "671607,30"],
        ["Lidköping", "40425", "2043483,75"],
    ]


def test_a_csv_of_a_page_with_several_tables_is_the_chosen_table_named_by_its_key():
    tables = [_table(), _table("enheter-2026", "Enheter 2026")]
    response = exports.export_response(
        _get(format="csv", tabell="enheter-2026"), tables, "budget-2026"
    )
    assert response["Content-Disposition"] == 'attachment; filename="enheter-2026.csv"'
    first = exports.export_response(_get(format="csv"), tables, "budget-2026")
    assert first["Content-Disposition"] == 'attachment; filename="avgifter-2026.csv"'


def test_an_unknown_format_or_table_is_refused_with_a_swedish_message():
    response = exports.export_response(_get(format="pdf"), [_table()], "x")
    assert response.status_code == 400
    assert "Okänt format ”pdf”" in response.content.decode()
    response = exports.export_response(_get(format="csv", tabell="nej"), [_table()], "x")
    assert response.status_code == 400
    assert "Tabellen ”nej” finns inte" in response.content.decode()
    assert "avgifter-2026" in response.content.decode()


def test_a_format_string_works_without_a_request():
    response = exports.export_response("csv", [_table()], "Medlemsavgifter 2026")
    assert response["Content-Disposition"] == 'attachment; filename="medlemsavgifter-2026.csv"'


def test_only_a_format_parameter_asks_for_a_download():
    assert exports.requested(_get(format="xlsx"))
    assert not exports.requested(_get(q="Götene"))
    assert not exports.requested(_get(format=""))


def test_the_links_keep_the_page_filters_but_not_its_page_number():
    downloads = exports.links(_get("/beslut/", q="APL", ar="2025", sida="2"), "besluten")
    assert downloads.xlsx.url == "/beslut/?q=APL&ar=2025&format=xlsx"
    assert [d.url for d in downloads.csv] == ["/beslut/?q=APL&ar=2025&format=csv"]
    assert downloads.xlsx.name == "Ladda ner besluten som Excel (XLSX)"


def test_a_page_with_several_tables_gets_one_csv_link_per_table_named_by_its_title():
    tables = [_table(), _table("enheter-2026", "Enheter 2026")]
    downloads = exports.links(_get(), "budgeten 2026", tables)
    assert downloads.csv_per_table
    assert [d.url for d in downloads.csv] == [
        "/budget/2026/?format=csv&tabell=avgifter-2026",
        "/budget/2026/?format=csv&tabell=enheter-2026",
    ]
    assert downloads.csv[1].name == "Ladda ner som CSV: Enheter 2026"


def test_the_include_names_what_is_downloaded_in_each_link_text():
    html = render_to_string(
        "reports/_export_links.html", {"downloads": exports.links(_get(), "budgeten 2026")}
    )
    assert (
        '<a href="/budget/2026/?format=xlsx"><span class="visually-hidden">'
        "Ladda ner budgeten 2026 som </span>Excel (XLSX)</a>"
    ) in html
    assert "<details" not in html
    tables = [_table(), _table("enheter-2026", "Enheter 2026")]
    html = render_to_string(
        "reports/_export_links.html", {"downloads": exports.links(_get(), "budgeten", tables)}
    )
    assert "<summary>CSV" in html and ">Enheter 2026</a>" in html
    assert render_to_string("reports/_export_links.html", {}).strip() == ""
