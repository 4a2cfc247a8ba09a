"""The portfolio's data sets (portfolio/tables.py) against the Skaraborg seed."""

import datetime
from decimal import Decimal

import pytest

from samverka.core.seeding import load_skaraborg
from samverka.lib.tabular import Kind, rows_of
from samverka.portfolio import tables
from samverka.portfolio.models import Financing, Funder, Project
from samverka.portfolio.testing import set_year_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    load_skaraborg()


def _column(table, key):
    index = [c.key for c in table.columns].index(key)
    return [row.values[index] for row in table.rows]


def _record(table, code):
    return next(r for r in table.records() if r["kod"] == code)


def test_the_projects_table_lists_every_project_with_swedish_headers(seeded):
    table = tables.projects_table()
    header = next(rows_of(table))
    assert header[:4] == ["Kod", "Projekt", "Status", "Ägande enhet"]
    assert "Total budget (kr)" in header and "Externa anslagsgivare (kr)" in header
    # Eight projects in the 2026 budget (BVP2026 s. 12) and three applications without periods.
    assert len(table.rows) == 11
    kompetensnavet = _record(table, "kompetensnavet")
    assert kompetensnavet["start"] == datetime.date(2022, 4, 1)
    assert kompetensnavet["slut"] == datetime.date(2027, 3, 31)
    assert kompetensnavet["status"] == "pågår"
    assert kompetensnavet["agande_enhet"] == "Projektenhet"
    assert _record(table, "kraftsamling-framtidsrusta")["anslagsgivare"] == "VGR"


def test_the_column_keys_are_stable_ascii_identifiers(seeded):
    for table in [
        tables.projects_table(),
        tables.year_table(2026),
        tables.applications_table(),
        tables.financing_table(),
        tables.funders_table(),
    ]:
        for column in table.columns:
            assert column.key.isascii() and column.key == column.key.lower(), column.key


def test_the_year_table_has_the_eight_projects_of_2026_and_an_incomplete_sum(seeded):
    table = tables.year_table(2026)
    assert table.key == "projekt-2026"
    projects, total = table.rows[:-1], table.rows[-1]
    assert len(projects) == 8
    assert "kraftsamling-framtidsrusta" in _column(table, "kod")
    # The plan prints no amounts: every basis is unknown and the sum says it is incomplete.
    assert set(_column(table, "grund")[:-1]) == {"okänt – varken årsbelopp eller totalbudget finns"}
    assert total.emphasis and total.values[1].startswith("Summa (ofullständig")


def test_the_year_table_sums_the_stated_budgets_and_the_years_financing(seeded):
    elsa = Project.objects.get(code="krafttag-i-vast-elsa")
    set_year_budget(elsa, 2026, Decimal("1250000.50"))
    vgr = Funder.objects.get(code="vgr")
    Financing.objects.create(
        project=elsa, year=2026, kind="external", funder=vgr, amount=Decimal(800000)
    )
    # Elsa runs to 2026-12-31; 2025 is adopted and locked, so another year's money is 2024's.
    Financing.objects.create(project=elsa, year=2024, kind="own", amount=Decimal(50000))
    table = tables.year_table(2026)
    row = _record(table, "krafttag-i-vast-elsa")
    assert row["budget"] == Decimal("1250000.50") and row["grund"] == "angivet årsbelopp"
    assert row["externa"] == Decimal(800000)
    assert row["egna_medel"] is None  # 2024's own funds are not 2026's
    total = table.records()[-1]
    assert total["budget"] == Decimal("1250000.50") and total["externa"] == Decimal(800000)
    assert next(c for c in table.columns if c.key == "budget").kind == Kind.MONEY


def test_the_applications_table_lists_the_pipeline_with_their_decisions(seeded):
    table = tables.applications_table()
    assert {r["kod"] for r in table.records()} == {
        "kraftsamling-framtidsrusta",
        "forstudie-okad-rorlighet",
        "robust-samhallsbyggande",
        "starkt-apl",
    }
    kraftsamling = _record(table, "kraftsamling-framtidsrusta")
    assert kraftsamling["beslut"] == "2025-10-10 Direktionen (fattat)"
    assert kraftsamling["besked_vantas_senast"] == datetime.date(2025, 12, 31)
    assert kraftsamling["i_budget_fore_besked"] == "Ja"
    assert _record(table, "robust-samhallsbyggande")["beslut"].endswith("(planerat)")


def test_the_financing_table_sums_per_source_and_year(seeded):
    assert tables.financing_table().rows == []  # the plan prints no money per project
    elsa = Project.objects.get(code="krafttag-i-vast-elsa")
    vgr = Funder.objects.get(code="vgr")
    Financing.objects.create(
        project=elsa, year=2024, kind="external", funder=vgr, amount=Decimal(300000)
    )
    Financing.objects.create(
        project=elsa, year=2026, kind="external", funder=vgr, amount=Decimal(800000)
    )
    Financing.objects.create(project=elsa, year=2026, kind="drum", amount=Decimal(100000))
    table = tables.financing_table()
    assert [c.key for c in table.columns] == ["kalla", "ar_2024", "ar_2026", "summa"]
    records = {r["kalla"]: r for r in table.records()}
    assert records["VGR"]["summa"] == Decimal(1100000)
    assert records["DRUM"]["ar_2024"] is None
    assert records["Summa"]["ar_2026"] == Decimal(900000)


def test_the_funders_table_has_a_row_per_funder_and_project(seeded):
    table = tables.funders_table()
    records = table.records()
    assert {r["anslagsgivare"] for r in records} == {"VGR", "ESF", "Tillväxtverket"}
    vgr = [r for r in records if r["anslagsgivare"] == "VGR"]
    assert [r["projekt"] for r in vgr] == ["Kraftsamling Framtidsrusta barn och unga"]
    assert vgr[0]["belopp"] is None and vgr[0]["fullstandigt_namn"] == "Västra Götalandsregionen"
