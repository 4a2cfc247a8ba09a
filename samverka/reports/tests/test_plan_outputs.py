"""The 2026 plan built from the loaded Skaraborg data, as the board gets it: the PDF holds every
figure of every budget table of the original, is tagged with headings and table headers; the
Word file holds the same tables as Word tables; the HTML is the same document."""

import io
import re
import subprocess

import docx
import pikepdf
import pytest
from django.db import transaction

from samverka.core.seeding import load_skaraborg
from samverka.lib.tabular import rows_of
from samverka.orgs.models import PlanningPeriod
from samverka.reports import outputs
from samverka.reports.plan import build
from samverka.reports.testing import normalise, seed_budget_figures, seed_budget_tables
from samverka.reports.tests._pdf import pdf_pages, structure_types

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plan(django_db_setup, django_db_blocker):
    """The 2026 plan and its three files, built once for the module (then rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_skaraborg()
        document = build(PlanningPeriod.objects.get(year=2026))
        files = {fmt: outputs.render(document, fmt).content for fmt in ("pdf", "docx", "html")}
        transaction.set_rollback(True)
    return document, files


def _cells(pdf: bytes) -> list[list[str]]:
    """Each printed line of the PDF split into its cells: the layout keeps a table's columns
    apart by two spaces or more, so adjacent figures never run together."""
    layout = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [
        [normalise(cell) for cell in re.split(r"\s{2,}", line.strip())]
        for line in layout.splitlines()
        if line.strip()
    ]


def test_the_pdf_holds_every_figure_of_every_budget_table_of_the_original(plan):
    _document, files = plan
    figures = {cell for line in _cells(files["pdf"]) for cell in line}
    tables = seed_budget_tables()
    assert len(tables) >= 7, tables.keys()  # the total and the six units
    missing = {
        title: [f for f in printed if f not in figures]
        for title, printed in tables.items()
        if any(f not in figures for f in printed)
    }
    assert not missing, missing
    assert len(seed_budget_figures()) > 60


def test_the_pdf_prints_the_offices_result_as_computed_and_names_the_printed_figure(plan):
    # The original prints +185 000 where its own lines give −185 000: the plan prints the
    # computed figure in the table and says what the original printed.
    _document, files = plan
    results = [line[1] for line in _cells(files["pdf"]) if line[0] == "RESULTAT"]
    assert results[:3] == ["185 000", "-185 000", "-185 000"]  # as printed, computed, the office
    text = normalise("\n".join(pdf_pages(files["pdf"])))
    assert "RESULTAT 2026: i källdokumentet 185 000, beräknat -185 000" in text


def test_the_pdf_is_tagged_pdf_ua_with_headings_and_table_headers(plan):
    _document, files = plan
    with pikepdf.open(io.BytesIO(files["pdf"])) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang).startswith("sv")
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert "Budget och verksamhetsplan 2026" in str(meta.get("dc:title"))
    types = structure_types(files["pdf"])
    assert types["/H1"] >= 1 and types["/H2"] >= 5, types
    assert types["/Table"] >= 8 and types["/TH"] >= 40, types


def test_every_page_of_the_draft_pdf_says_utkast_and_carries_a_page_number(plan):
    _document, files = plan
    pages = pdf_pages(files["pdf"])
    assert len(pages) >= 15
    assert all("UTKAST" in page for page in pages)
    assert all(f"Sida {n} av {len(pages)}" in page for n, page in enumerate(pages, 1) if n > 1)


def test_the_word_file_holds_the_same_tables_as_word_tables(plan):
    document, files = plan
    opened = docx.Document(io.BytesIO(files["docx"]))
    minus = str.maketrans({"\u2212": "-"})
    found = [
        [[c.text.translate(minus) for c in row.cells] for row in t.rows] for t in opened.tables
    ]
    expected = [list(rows_of(t)) for t in document.tables()]
    assert found == expected
    headings = [p.text for p in opened.paragraphs if p.style.name == "Heading 1"]
    assert "Budget 2026" in headings and "Mål" in headings


def test_the_html_file_is_the_same_document(plan):
    document, files = plan
    html = files["html"].decode("utf-8")
    assert '<html lang="sv"' in html
    for table in document.tables():
        assert normalise(table.title) in normalise(re.sub(r"<[^>]+>", " ", html))
    assert html.count("<table") == len(document.tables())
