"""The follow-up's tables (`ledger.tables`) and the CSV/XLSX downloads of the actuals pages:
the same figures as the pages, Swedish headers, numbers as numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from openpyxl import load_workbook

from samverka.budget.models import LineKind
from samverka.core import testing
from samverka.ledger import followup, importing, tables
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import ImportBatch, ManualForecast, VarianceComment
from samverka.lib.money import format_kr
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not SIE_SAMPLES_DIR.is_dir(), reason="shared/sie-samples is not beside the clone"
    ),
]

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"


@pytest.fixture
def world(client):
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2011)
    nord = testing.make_unit(federation, name="Nord", code="nord")
    syd = testing.make_unit(federation, name="Syd", code="syd")
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", nord)  # Syd stays unmapped
    ledger_testing.make_budget_line(period, nord, LineKind.OTHER_REVENUE, "2400000")
    ledger_testing.make_budget_line(period, nord, LineKind.PERSONNEL, "-1500000")
    ledger_testing.make_budget_line(period, syd, LineKind.OTHER_COSTS, "-600000")
    importing.import_sie(OVNBOLAG)
    client.force_login(testing.make_reader())
    return period, nord, syd


def _kr(value: Decimal) -> str:
    return format_kr(value)


def test_the_period_table_has_the_period_pages_figures_and_the_federations_total(client, world):
    period, _nord, _syd = world
    response = client.get(reverse("ledger:period", args=[2011]) + "?manad=3")
    page = response.content.decode()
    table = tables.period_table(period, 3)
    summaries = response.context["summaries"]
    assert [r.values[0] for r in table.rows] == [
        *(s.unit.name if s.unit else s.result.label for s in summaries),
        "Förbundet totalt",
    ]
    for row in table.records():
        for key in ("budget_helar", "budget_ack", "utfall_ack", "prognos_helar"):
            assert _kr(row[key]) in page, (row["enhet"], key)
    total = table.records()[-1]
    assert total["budget_helar"] == Decimal("300000")  # 2 400 000 − 1 500 000 − 600 000
    assert total["utfall_ack"] == sum(s.result.ytd_actual for s in summaries).quantize(
        Decimal("0.01")
    )
    assert "Förbundet totalt" in page


def test_the_unit_table_has_the_unit_pages_rows_with_forecast_basis_and_comment(client, world):
    period, nord, _syd = world
    ManualForecast.objects.create(
        period=period, unit=nord, line_kind=LineKind.PERSONNEL, amount=Decimal("-1450000")
    )
    VarianceComment.objects.create(
        period=period, unit=nord, line_kind=LineKind.PERSONNEL, month=3, text="Vakans i mars."
    )
    page = client.get(reverse("ledger:unit", args=[2011, "nord"]) + "?manad=3").content.decode()
    follow = followup.unit_follow_up(period, nord, 3)
    table = tables.unit_table(follow)
    labels = [r.values[0] for r in table.rows]
    assert labels[-3:] == ["Summa intäkter", "Summa kostnader", "Resultat"]
    personnel = next(r for r in table.records() if r["slag"] == "Personal")
    assert personnel["prognos_helar"] == Decimal("-1450000")
    assert (personnel["prognos_slag"], personnel["kommentar"]) == ("manuell", "Vakans i mars.")
    assert personnel["budget_manad"] == Decimal("-125000")  # 1 500 000 / 12
    for row in table.records():
        for key in ("budget_manad", "utfall_manad", "utfall_ack", "prognos_helar"):
            assert _kr(row[key]) in page, (row["slag"], key)


def test_the_period_page_downloads_as_xlsx_with_swedish_headers_and_numbers(client, world):
    response = client.get(reverse("ledger:period", args=[2011]), {"manad": 3, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="utfall-2011-03.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Resultat per enhet 2011, ackumulerat till och med mars"
    assert [c.value for c in sheet[2]] == [
        "Enhet",
        "Budget helår",
        "Budget ack.",
        "Utfall ack.",
        "Avvikelse ack.",
        "Avvikelse %",
        "Prognos helår",
        "Prognos mot budget",
    ]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3) if r[0].value}
    nord = rows["Nord"]
    assert nord[1].value == 900000  # the budget: a number, not "900 000"
    assert isinstance(nord[3].value, int | float) and nord[3].value != 0
    assert rows["Förbundet totalt"][1].value == 300000


def test_the_unit_page_downloads_as_csv_for_a_swedish_excel(client, world):
    response = client.get(reverse("ledger:unit", args=[2011, "nord"]), {"format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="utfall-2011-nord-03.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Slag", "Budget mars", "Utfall mars"]
    result = next(r for r in rows if r[0] == "Resultat")
    budget = rows[0].index("Budget helår")
    assert result[budget] == "900000"  # a plain number with a decimal comma where needed


def test_the_batch_page_downloads_what_is_not_mapped(client, world):
    batch = ImportBatch.objects.get()
    url = reverse("ledger:batch", args=[2011, batch.code])
    page = client.get(url).content.decode()
    assert "Ladda ner" in page and "format=xlsx" in page
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert workbook.sheetnames == ["Utfall utan enhet", "Konton utan budgetslag"]
    objects = {r[1].value: r[2].value for r in workbook["Utfall utan enhet"].iter_rows(min_row=3)}
    assert "Syd" in objects and isinstance(objects["Syd"], int | float)


def test_a_download_asks_for_a_login_like_the_page(client, world):
    client.logout()
    response = client.get(reverse("ledger:period", args=[2011]), {"format": "xlsx"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
