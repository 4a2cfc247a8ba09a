"""The plan page's downloads: the priority areas and their activities as CSV or XLSX."""

import csv
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


def test_the_plan_downloads_the_periods_areas_and_activities(reader):
    response = reader.get(reverse("plan:index"), {"ar": "2026", "format": "xlsx"})
    assert (
        response["Content-Disposition"] == 'attachment; filename="prioriterade-omraden-2026.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Prioriterade områden och aktiviteter 2026"
    assert [c.value for c in sheet[2]][:3] == [
        "Prioriterat område",
        "Aktivitetens kod",
        "Aktivitet",
    ]
    activities = [r for r in sheet.iter_rows(min_row=3, max_row=26, values_only=True)]
    assert len({r[0] for r in activities}) == 6
    assert sheet.cell(27, 1).value is None  # 24 activities, then the source


def test_the_csv_keeps_swedish_letters_for_excel(reader):
    response = reader.get(reverse("plan:index"), {"format": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Prioriterat område"
    assert rows[1][0] == "Sammanhållen riktning för kompetensförsörjning och utbildning"
    assert len(rows) == 25
    page = reader.get(reverse("plan:index")).content.decode()
    assert "Ladda ner de prioriterade områdena och aktiviteterna 2026 som" in page


def test_a_user_without_a_role_gets_no_download(client):
    load_skaraborg()
    client.force_login(testing.make_user(None, username="utan-roll"))
    assert client.get(reverse("plan:index"), {"format": "csv"}).status_code == 403
