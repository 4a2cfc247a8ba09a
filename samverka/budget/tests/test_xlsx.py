import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from samverka.audit.models import LogEntry
from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db


@pytest.fixture
def controller_client(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    return client


def _export(client, year=2026):
    response = client.get(reverse("budget:export", args=[year]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _upload(client, wb, year=2026):
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("budget.xlsx", buffer.getvalue())
    return client.post(reverse("budget:import", args=[year]), {"file": upload})


def _amounts():
    return sorted(
        BudgetLine.objects.filter(period__year=2026).values_list("unit__code", "code", "amount"),
        key=str,
    )


def test_the_export_holds_every_line_and_stated_figure_of_the_year(controller_client):
    wb = _export(controller_client)
    lines = list(wb["Budgetrader"].iter_rows(min_row=2, values_only=True))
    assert len(lines) == 27
    assert lines[0][:5] == ("totalt", "intakter", "revenue_as_printed", "INTÄKTER", 64295000)
    stated = list(wb["Tryckta summor"].iter_rows(min_row=2, values_only=True))
    assert len(stated) == 15


def test_importing_the_export_again_changes_nothing(controller_client):
    before, entries = _amounts(), LogEntry.objects.count()
    response = _upload(controller_client, _export(controller_client))
    assert response.status_code == 302
    assert _amounts() == before
    # Only the import's own entry: nothing was created, updated or deleted.
    (entry,) = LogEntry.objects.order_by("pk")[entries:]
    assert entry.action == "imports.budget_xlsx"
    counts = entry.data["counts"]
    assert (counts["created"], counts["updated"], counts["deleted"]) == (0, 0, 0)


def test_an_import_applies_changed_figures(controller_client):
    wb = _export(controller_client)
    ws = wb["Budgetrader"]
    row = next(
        r
        for r in ws.iter_rows(min_row=2)
        if r[0].value == "projektenhet" and r[1].value == "personal"
    )
    row[4].value = "-9 000 000"
    assert _upload(controller_client, wb).status_code == 302
    line = BudgetLine.objects.get(period__year=2026, unit__code="projektenhet", code="personal")
    assert line.amount == Decimal("-9000000")


def test_an_import_with_one_bad_cell_imports_nothing_and_says_where(controller_client):
    wb = _export(controller_client)
    ws = wb["Budgetrader"]
    ws["E3"] = "-9 000 000"  # a good change that must not be applied either
    ws["E5"] = "mycket"
    before = _amounts()
    response = _upload(controller_client, wb)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ingenting importerades" in page
    assert "Blad ”Budgetrader”, rad 5, kolumn E (Belopp (kr)): ”mycket” är inte ett belopp" in page
    assert _amounts() == before


def test_unknown_units_and_kinds_are_reported_with_their_cells(controller_client):
    wb = _export(controller_client)
    ws = wb["Budgetrader"]
    ws["A4"] = "okand-enhet"
    ws["C6"] = "lön"
    page = _upload(controller_client, wb).content.decode()
    assert "rad 4, kolumn A (Enhet): okänd enhet ”okand-enhet”" in page
    assert "rad 6, kolumn C (Slag): okänt slag ”lön”" in page


def test_the_adopted_year_cannot_be_imported_into(controller_client):
    wb = _export(controller_client, 2025)
    response = _upload(controller_client, wb, 2025)
    assert response.status_code == 400
    assert "antagen" in response.content.decode()


def test_a_reader_cannot_import(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    assert client.get(reverse("budget:import", args=[2026])).status_code == 403
