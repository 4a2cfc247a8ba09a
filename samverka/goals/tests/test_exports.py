"""The goal and indicator pages' downloads: CSV and XLSX of what they show (?format=…)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.goals.models import Indicator, Measurement, TargetValue
from samverka.orgs.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    load_skaraborg()
    befolkning = Indicator.objects.get(code="befolkning")
    for year, value, member in [
        (2023, "267100", None),
        (2024, "268788", None),
        (2024, "57000", "Skövde"),
    ]:
        Measurement.objects.create(
            indicator=befolkning,
            year=year,
            member=Member.objects.get(name=member) if member else None,
            value=Decimal(value),
            origin=Measurement.Origin.SCB,
            source="SCB, folkmängd 31 december",
            fetched_at=timezone.now(),
        )
    TargetValue.objects.create(indicator=befolkning, year=2024, value=Decimal(268000))
    Measurement.objects.create(
        indicator=Indicator.objects.get(code="ekonomisk-hallbarhet"),
        year=2024,
        value=Decimal("54.2600"),
        origin=Measurement.Origin.KOLADA,
        source="Kolada",
        fetched_at=timezone.now(),
    )
    client.force_login(testing.make_reader())
    return client


def test_the_goals_page_downloads_every_indicator_and_the_financial_targets(reader):
    response = reader.get(reverse("goals:index"), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="mal-och-indikatorer.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Mål och indikatorer", "Finansiella mål 2026"]
    sheet = workbook["Mål och indikatorer"]
    assert [c.value for c in sheet[2]][:7] == [
        "Mål",
        "Indikatorns kod",
        "Indikator",
        "Enhet",
        "Senaste utfall",
        "År",
        "Målvärde",
    ]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, max_row=18, values_only=True)}
    assert len(rows) == 16
    assert rows["befolkning"][4:8] == (268788, 2024, 268000, "I fas")
    assert rows["ekonomisk-hallbarhet"][4] == pytest.approx(54.3)
    row = next(r for r in sheet.iter_rows(min_row=3) if r[1].value == "ekonomisk-hallbarhet")
    assert row[4].number_format == "#,##0.0"  # as the page shows it: 54,3
    targets = workbook["Finansiella mål 2026"]
    assert [row[4] for row in targets.iter_rows(min_row=3, max_row=5, values_only=True)] == [
        136310,
        7,
        103,
    ]
    page = reader.get(reverse("goals:index")).content.decode()
    assert "Ladda ner målen och indikatorerna som </span>Excel (XLSX)" in page


def test_an_indicator_downloads_its_table_as_on_the_page_and_its_values_with_sources(reader):
    url = reverse("goals:indicator", args=["befolkning"])
    response = reader.get(url, {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="indikator-befolkning.xlsx"'
    wide, values = load_workbook(io.BytesIO(response.content)).worksheets
    assert [c.value for c in wide[2]] == ["Område", "2023", "2024"]
    assert [c.value for c in wide[3]] == ["Skaraborg", 267100, 268788]
    skovde = next(r for r in wide.iter_rows(min_row=3, values_only=True) if r[0] == "Skövde")
    assert skovde == ("Skövde", None, 57000)
    assert [c.value for c in values[2]][:6] == [
        "Indikatorns kod",
        "Indikator",
        "Områdets kod",
        "Område",
        "År",
        "Värde",
    ]
    assert [r[2:6] for r in values.iter_rows(min_row=3, max_row=5, values_only=True)] == [
        ("skaraborg", "Skaraborg", 2023, 267100),
        ("skaraborg", "Skaraborg", 2024, 268788),
        ("1496", "Skövde", 2024, 57000),
    ]
    csv_text = reader.get(url, {"format": "csv", "tabell": "befolkning-varden"})
    lines = csv_text.content.decode("utf-8-sig").splitlines()
    assert lines[3].startswith(
        "befolkning;Befolkningsutveckling - antal invånare totalt i Skaraborg;"
        "1496;Skövde;2024;57000;antal;SCB;"
    )
    page = reader.get(url).content.decode()
    assert 'href="/mal/indikator/befolkning/?format=csv&amp;tabell=befolkning-varden"' in page


def test_a_user_without_a_role_gets_no_download(client):
    load_skaraborg()
    client.force_login(testing.make_user(None, username="utan-roll"))
    assert client.get(reverse("goals:index"), {"format": "csv"}).status_code == 403
    url = reverse("goals:indicator", args=["befolkning"])
    assert client.get(url, {"format": "csv"}).status_code == 403
