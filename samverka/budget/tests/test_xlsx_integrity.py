"""The budget XLSX import through the imports pipeline: every line is full_clean'ed before
anything is saved, files have size and row limits, and each import leaves one audit entry."""

import hashlib
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from samverka.audit.models import LogEntry
from samverka.budget import xlsx
from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.imports.pipeline import ImportRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    federation = testing.make_federation()
    testing.make_unit(federation, code="nord", name="Nord")
    return testing.make_period(federation, year=2026)


def _file(period, rows) -> io.BytesIO:
    """A template with exactly these budget lines and no stated figures."""
    wb = Workbook()
    wb.active.title = xlsx.LINES_SHEET
    wb.active.append(xlsx.LINE_HEADERS)
    for row in rows:
        wb.active.append(row)
    wb.create_sheet(xlsx.STATED_SHEET).append(xlsx.STATED_HEADERS)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "budget.xlsx"
    return buffer


GOOD = ["nord", "personal", "personnel", "Personal", -100_000, "Budget 2026"]


def test_a_label_past_its_limit_is_a_cell_error_and_nothing_is_saved(period):
    rows = [GOOD, ["nord", "lokaler", "other_costs", "L" * 400, -5_000, ""]]
    with pytest.raises(ImportRefused) as caught:
        xlsx.import_budget(period, _file(period, rows))
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Budgetrader", 3, "D (Rubrik)")
    assert "200" in problem.message and "400" in problem.message
    assert str(problem).startswith("Blad ”Budgetrader”, rad 3, kolumn D (Rubrik): ")
    assert not BudgetLine.objects.exists()  # not even the good line


def test_the_import_page_shows_the_cell_error_of_a_too_long_label(client, period):
    client.force_login(testing.make_controller())
    content = _file(period, [["nord", "lokaler", "other_costs", "L" * 400, -5_000, ""]])
    response = client.post(
        reverse("budget:import", args=[2026]),
        {"file": SimpleUploadedFile("budget.xlsx", content.getvalue())},
    )
    assert response.status_code == 400
    assert "Blad ”Budgetrader”, rad 2, kolumn D (Rubrik)" in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(period, settings):
    content = _file(period, [GOOD])
    settings.SAMVERKA_XLSX_MAX_BYTES = 1000
    with pytest.raises(ImportRefused) as caught:
        xlsx.import_budget(period, content)
    assert "tas emot" in str(caught.value) and "budget.xlsx" in str(caught.value)
    assert not BudgetLine.objects.exists()


def test_a_sheet_with_more_rows_than_the_limit_is_refused_whole(period, settings):
    settings.SAMVERKA_IMPORT_MAX_ROWS = 5
    rows = [["nord", f"rad-{n}", "other_costs", f"Rad {n}", -n, ""] for n in range(1, 10)]
    with pytest.raises(ImportRefused) as caught:
        xlsx.import_budget(period, _file(period, rows))
    (problem,) = caught.value.problems
    assert problem.sheet == "Budgetrader" and problem.row == 6
    assert "fler än 5 rader" in problem.message
    assert not BudgetLine.objects.exists()


def test_an_import_leaves_one_audit_entry_with_its_counts_and_hash(period):
    content = _file(period, [GOOD, ["nord", "lokaler", "other_costs", "Lokaler", -5_000, ""]])
    xlsx.import_budget(period, content)
    changed = _file(period, [[*GOOD[:4], -90_000, GOOD[5]]])
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    xlsx.import_budget(period, changed)

    (entry,) = LogEntry.objects.filter(action="imports.budget_xlsx", pk__gt=before)
    assert entry.data["sha256"] == hashlib.sha256(changed.getvalue()).hexdigest()
    assert entry.data["file_name"] == "budget.xlsx"
    assert entry.data["counts"] == {"read": 1, "created": 0, "updated": 1, "deleted": 1}
    assert BudgetLine.objects.get().amount == Decimal("-90000")
