"""The portfolio pages' downloads: CSV and XLSX of what each page lists (?format=…)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.portfolio.models import Financing, Funder, Project
from samverka.portfolio.testing import set_year_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    return client


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def _records(sheet):
    """The table's rows as dicts by header, up to the empty row before the source and notes."""
    rows = sheet.iter_rows(min_row=2, values_only=True)
    header = next(rows)
    records = []
    for row in rows:
        if not any(v is not None for v in row):
            break
        records.append(dict(zip(header, row, strict=True)))
    return records


def test_the_project_list_downloads_with_its_filters_applied(reader):
    url = reverse("portfolio:index")
    everything = _records(_sheet(reader.get(url, {"format": "xlsx"})))
    assert len(everything) == 11
    response = reader.get(url, {"status": "application", "format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="projekt.xlsx"'
    sheet = _sheet(response)
    assert sheet["A1"].value == "Projekt – ansökan"
    applications = _records(sheet)
    assert {r["Kod"] for r in applications} == {
        "kraftsamling-framtidsrusta",
        "forstudie-okad-rorlighet",
        "robust-samhallsbyggande",
        "starkt-apl",
    }
    kraftsamling = next(r for r in applications if r["Kod"] == "kraftsamling-framtidsrusta")
    assert kraftsamling["Start"] == datetime.datetime(2026, 1, 1)
    assert kraftsamling["Anslagsgivare"] == "VGR" and kraftsamling["Status"] == "ansökan"
    by_funder = reader.get(url, {"funder": "vgr", "format": "csv"})
    lines = by_funder.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kod;Projekt;Status;Ägande enhet;Tematisk enhet;Start;Slut")
    assert len(lines) == 2 and "Kraftsamling Framtidsrusta barn och unga" in lines[1]


def test_the_project_list_links_keep_the_filter(reader):
    page = reader.get(reverse("portfolio:index"), {"status": "running"}).content.decode()
    assert 'href="/projekt/?status=running&amp;format=xlsx"' in page
    assert "Ladda ner projekten i listan som </span>Excel (XLSX)" in page


def test_the_year_downloads_its_budget_amounts_as_numbers_with_the_sum(reader):
    set_year_budget(Project.objects.get(code="val-for-livet"), 2026, Decimal("2350000"))
    set_year_budget(Project.objects.get(code="kompetenstrappa"), 2026, Decimal("412500.50"))
    response = reader.get(reverse("portfolio:year", args=[2026]), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="projekt-2026.xlsx"'
    records = _records(_sheet(response))
    val = next(r for r in records if r["Kod"] == "val-for-livet")
    assert val["Budget 2026 (kr)"] == 2350000 and val["Grund"] == "angivet årsbelopp"
    total = records[-1]
    assert total["Projekt"].startswith("Summa (ofullständig")
    assert total["Budget 2026 (kr)"] == pytest.approx(2762500.50)
    csv_rows = list(
        csv.reader(
            io.StringIO(
                reader.get(
                    reverse("portfolio:year", args=[2026]), {"format": "csv"}
                ).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert csv_rows[-1][7] == "2762500,50"


def test_the_applications_and_the_financing_pages_download_what_they_list(reader):
    pipeline = _records(_sheet(reader.get(reverse("portfolio:pipeline"), {"format": "xlsx"})))
    assert len(pipeline) == 4
    assert {r["Beslut"] for r in pipeline} >= {"2025-10-10 Direktionen (fattat)"}
    elsa = Project.objects.get(code="krafttag-i-vast-elsa")
    Financing.objects.create(
        project=elsa,
        year=2026,
        kind="external",
        funder=Funder.objects.get(code="esf"),
        amount=Decimal(1200000),
    )
    response = reader.get(reverse("portfolio:funders"), {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Belopp per källa och år", "Anslagsgivare och deras projekt"]
    money = _records(workbook.worksheets[0])
    assert money[0] == {"Källa": "ESF", "2026 (kr)": 1200000, "Summa (kr)": 1200000}
    page = reader.get(reverse("portfolio:funders")).content.decode()
    assert 'href="/projekt/finansiering/?format=csv&amp;tabell=anslagsgivare"' in page


def test_a_user_without_a_role_gets_no_download(client):
    load_skaraborg()
    client.force_login(testing.make_user(None, username="utan-roll"))
    for name, args in [
        ("portfolio:index", []),
        ("portfolio:year", [2026]),
        ("portfolio:pipeline", []),
        ("portfolio:funders", []),
    ]:
        assert client.get(reverse(name, args=args), {"format": "xlsx"}).status_code == 403
