"""The decision register's downloads: CSV and XLSX of the decisions the filter finds."""

import csv
import datetime
import io

import pytest
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


def test_the_register_downloads_every_decision_newest_first(reader):
    response = reader.get(reverse("decisions:index"), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="beslutsregister.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Beslutsregister"
    assert [c.value for c in sheet[2]][:5] == ["Datum", "Organ", "Paragraf", "Rubrik", "Status"]
    assert sheet["A3"].value == datetime.datetime(2025, 12, 12)
    assert sheet["A3"].number_format == "yyyy-mm-dd"
    assert sheet["D7"].value.startswith("Finansiering av Omställning Skaraborg")


def test_the_download_applies_the_registers_filter(reader):
    response = reader.get(reverse("decisions:index"), {"q": "rörlighet", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="beslutsregister.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Datum", "Organ", "Paragraf", "Rubrik"]
    assert [r[3] for r in rows[1:]] == ["Ansökan Förstudie ökad rörlighet"]
    assert rows[1][:2] == ["2025-11-07", "Direktionen"]
    by_year = reader.get(reverse("decisions:index"), {"ar": "2024", "format": "xlsx"})
    assert by_year["Content-Disposition"] == 'attachment; filename="beslutsregister-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(by_year.content)).active
    assert sheet["A1"].value == "Beslutsregister – 2024"
    assert sheet["A4"].value is None  # one decision, then the source under the table


def test_the_links_follow_the_filter_also_when_htmx_swaps_the_list(reader):
    url = reverse("decisions:index")
    page = reader.get(url, {"q": "APL", "sida": "1"}).content.decode()
    assert 'href="/beslut/?q=APL&amp;format=xlsx"' in page
    assert "Ladda ner besluten i listan som </span>Excel (XLSX)" in page
    fragment = reader.get(url, {"q": "APL"}, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="register-results">')
    assert '<div id="register-downloads" hx-swap-oob="true">' in fragment
    assert 'href="/beslut/?q=APL&amp;format=csv"' in fragment


def test_a_user_without_a_role_gets_no_download(client):
    load_skaraborg()
    client.force_login(testing.make_user(None, username="utan-roll"))
    assert client.get(reverse("decisions:index"), {"format": "csv"}).status_code == 403
