"""The member list's downloads: members with their latest population as CSV or XLSX."""

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


def test_the_member_list_downloads_every_member_with_its_population(reader):
    response = reader.get(reverse("orgs:members"), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="medlemskommuner.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == [
        "Kommunkod",
        "Kommun",
        "Invånare",
        "Referensdatum",
        "Källa",
    ]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, max_row=17, values_only=True)}
    assert len(rows) == 15
    assert rows["Lidköping"][:4] == ("1494", "Lidköping", 40425, datetime.datetime(2024, 12, 31))
    assert rows["Skövde"][2] is None


def test_the_csv_is_for_swedish_excel(reader):
    response = reader.get(reverse("orgs:members"), {"format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert lines[0] == "Kommunkod;Kommun;Invånare;Referensdatum;Källa"
    assert lines[5].startswith('1471;Götene;13286;2024-12-31;"SCB, folkmängd')
    page = reader.get(reverse("orgs:members")).content.decode()
    assert "Ladda ner medlemskommunerna och deras folkmängd som </span>CSV" in page


def test_a_user_without_a_role_gets_no_download(client):
    load_skaraborg()
    client.force_login(testing.make_user(None, username="utan-roll"))
    assert client.get(reverse("orgs:members"), {"format": "csv"}).status_code == 403
