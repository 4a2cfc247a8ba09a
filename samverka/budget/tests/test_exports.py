"""The budget pages' downloads: CSV and XLSX of the tables each page shows (?format=…)."""

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from samverka.core import testing
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    return client


def _xlsx(response):
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _csv(response):
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _rows(sheet):
    return {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}


def test_the_budget_year_downloads_as_one_workbook_in_the_pages_order(reader):
    response = reader.get(reverse("budget:period", args=[2026]), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="driftbudget-2026.xlsx"'
    workbook = _xlsx(response)
    assert workbook.sheetnames == [
        "Sammanställning",
        "Totalt (som tryckt)",
        "Förbundskansli",
        "Kunskapsutveckling",
        "Projektenhet",
        "Regional utveckling",
        "Välfärdsutveckling",
        "Omställning Skaraborg",
    ]
    total = workbook["Totalt (som tryckt)"]
    assert total["A1"].value == "Skaraborgs Kommunalförbund Driftbudget, totalt (som tryckt)"
    assert [c.value for c in total[2]] == [
        "Kr",
        "2026",
        "2025",
        "Förändring (kr)",
        "Förändring (%)",
    ]
    summa = _rows(total)["SUMMA INTÄKTER"]
    assert summa[1:3] == (64295000, 60487000)
    assert isinstance(summa[1], int) and summa[3] == 3808000
    assert _rows(total)["RESULTAT"][1] == 185000  # as printed, beside the computed below
    consolidated = _rows(workbook["Sammanställning"])
    assert consolidated["INTÄKTER"][1] == 64295000
    assert consolidated["RESULTAT"][1] == -185000
    # Where the document printed another figure, the sheet says so under the table.
    office = workbook["Förbundskansli"]
    assert _rows(office)["RESULTAT"][1] == -185000
    assert office.cell(office.max_row, 1).value == (
        "RESULTAT 2026: i källdokumentet 185\u00a0000, beräknat -185\u00a0000."
    )


def test_the_budget_year_as_csv_is_one_table_at_a_time_for_swedish_excel(reader):
    url = reverse("budget:period", args=[2026])
    first = _csv(reader.get(url, {"format": "csv"}))
    assert first[0] == ["Kr", "2026", "2025", "Förändring (kr)", "Förändring (%)"]
    assert first[1] == ["INTÄKTER", "64295000", "60487000", "3808000", "6,3"]
    response = reader.get(url, {"format": "csv", "tabell": "budget-2026-kunskapsutveckling"})
    assert response["Content-Disposition"] == (
        'attachment; filename="budget-2026-kunskapsutveckling.csv"'
    )
    rows = {row[0]: row for row in _csv(response)}
    assert rows["SUMMA INTÄKTER"][:3] == ["SUMMA INTÄKTER", "10204000", rows["SUMMA INTÄKTER"][2]]
    assert rows["Övriga kostnader"][1] == "-3252000"


def test_the_budget_page_offers_its_downloads_apart_from_the_import_template(reader):
    page = reader.get(reverse("budget:period", args=[2026])).content.decode()
    assert 'href="/budget/2026/?format=xlsx"' in page
    assert "Ladda ner budgeten 2026 som </span>Excel (XLSX)" in page
    assert 'href="/budget/2026/?format=csv&amp;tabell=budget-2026-forbundskansli"' in page
    assert "Mall för import (Excel)" in page and "Exportera (Excel)" not in page


def test_the_unit_page_downloads_its_summary_and_its_lines(reader):
    url = reverse("budget:unit", args=[2026, "kunskapsutveckling"])
    workbook = _xlsx(reader.get(url, {"format": "xlsx"}))
    summary, lines = (workbook[name] for name in workbook.sheetnames)
    assert _rows(summary)["SUMMA INTÄKTER"][1] == 10204000
    assert [c.value for c in lines[2]] == [
        "Radkod",
        "Rubrik",
        "Slag",
        "Belopp (kr)",
        "Lönesumma (kr)",
        "Källa",
    ]
    assert _rows(lines)["personal"][3] == -6011000
    page = reader.get(url).content.decode()
    assert "Ladda ner budgeten för Kunskapsutveckling 2026 som" in page


def test_the_fee_basis_downloads_with_ore_kept_and_the_sum_of_the_nine_known(reader):
    url = reverse("budget:fees", args=[2026])
    sheet = _xlsx(reader.get(url, {"format": "xlsx"})).active
    assert [c.value for c in sheet[2]] == ["Kommunkod", "Kommun", "Invånare", "Avgift (kr)"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Götene"][2:] == (13286, pytest.approx(671607.30))
    assert rows["Skövde"][2:] == (None, None)
    summa = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "Summa")
    assert summa[2] == 143619 and Decimal(str(summa[3])) == Decimal("7259940.45")
    lines = _csv(reader.get(url, {"format": "csv"}))
    assert ["1471", "Götene", "13286", "671607,30"] in lines


def test_the_financial_targets_download_with_numbers_as_numbers(reader):
    url = reverse("budget:targets", args=[2026])
    sheet = _xlsx(reader.get(url, {"format": "xlsx"})).active
    assert [c.value for c in sheet[2]] == ["Mål", "Värde", "Målvärde", "Enhet", "Uppfyllt"]
    result = sheet[3]
    assert [c.value for c in result] == [
        "Resultat minst 1 % av medlemsavgifterna",
        -185000,
        136310,
        "kr",
        "Nej",
    ]
    assert "Ladda ner de finansiella målen 2026 som" in reader.get(url).content.decode()


def test_a_download_answers_only_those_who_may_see_the_page(client):
    load_skaraborg()
    url = reverse("budget:period", args=[2026])
    response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    client.force_login(testing.make_user(None, username="utan-roll"))
    for name, args in [
        ("budget:period", [2026]),
        ("budget:unit", [2026, "kunskapsutveckling"]),
        ("budget:fees", [2026]),
        ("budget:targets", [2026]),
    ]:
        assert client.get(reverse(name, args=args), {"format": "csv"}).status_code == 403, name
