"""The document as PDF: A4, tagged for screen readers (PDF/UA-1), a cover, contents with page
numbers, the title and "Sida N av M" on every page, "UTKAST" on every page of a draft."""

import io
import re

import pikepdf
import pytest

from samverka.reports import pdf
from samverka.reports.tests._documents import sample_document
from samverka.reports.tests._pdf import pdf_pages, structure_types

A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return pdf.render(sample_document(draft=True, activities=60))


@pytest.fixture(scope="module")
def adopted_pdf() -> bytes:
    return pdf.render(sample_document(draft=False, activities=2))


def test_it_is_an_a4_pdf_of_a_sane_length(draft_pdf):
    with pikepdf.open(io.BytesIO(draft_pdf)) as document:
        assert 8 <= len(document.pages) <= 20
        for page in document.pages:
            width, height = (float(v) for v in page.mediabox[2:])
            assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))


def test_it_is_tagged_and_declares_pdf_ua_with_title_and_language(draft_pdf):
    with pikepdf.open(io.BytesIO(draft_pdf)) as document:
        assert document.Root.MarkInfo.Marked is True
        assert str(document.Root.Lang) == "sv"
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
        metadata = document.open_metadata()
        assert metadata["pdfuaid:part"] == "1"
        assert metadata["dc:title"] == "Budget och verksamhetsplan 2026"
        assert str(document.docinfo["/Title"]) == "Budget och verksamhetsplan 2026"


def test_its_structure_tree_has_headings_tables_and_header_cells(draft_pdf):
    types = structure_types(draft_pdf)
    assert types["/H1"] == 1
    assert types["/H2"] >= 4 and types["/H3"] >= 6
    assert types["/Table"] >= 8 and types["/TH"] >= 40 and types["/TD"] >= 100
    assert types["/Figure"] == 1  # the chart, with its title as the alternative text


def test_the_fonts_are_embedded(draft_pdf):
    with pikepdf.open(io.BytesIO(draft_pdf)) as document:
        fonts = {
            str(font.get("/BaseFont"))
            for page in document.pages
            for font in page.Resources.Font.values()
        }
        embedded = [
            "/FontFile2" in font.DescendantFonts[0].FontDescriptor
            for page in document.pages
            for font in page.Resources.Font.values()
            if "/DescendantFonts" in font
        ]
    # The text in DejaVu Sans; a chart's labels in the sans-serif its SVG asks for.
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= {name.split("+")[-1] for name in fonts}
    assert embedded and all(embedded)


def test_every_page_of_a_draft_says_utkast(draft_pdf):
    pages = pdf_pages(draft_pdf)
    assert len(pages) >= 8
    missing = [n for n, text in enumerate(pages, start=1) if "UTKAST" not in text]
    assert missing == []


def test_an_adopted_document_says_utkast_nowhere_and_names_its_decision(adopted_pdf):
    pages = pdf_pages(adopted_pdf)
    assert not any("UTKAST" in text.upper().replace("UTKASTET", "") for text in pages)
    assert "Direktionen 2025-11-21 § 45" in pages[0]


def test_the_cover_is_a_page_of_its_own_and_the_others_carry_title_and_page_numbers(draft_pdf):
    pages = pdf_pages(draft_pdf)
    cover = " ".join(pages[0].split())
    assert "Skaraborgs Kommunalförbund" in cover and "Budget och verksamhetsplan 2026" in cover
    assert "Sida" not in cover
    for number, text in enumerate(pages[1:], start=2):
        assert "Budget och verksamhetsplan 2026" in text
        assert f"Sida {number} av {len(pages)}" in text


def test_the_contents_give_each_chapter_its_page(draft_pdf):
    pages = pdf_pages(draft_pdf)
    contents = pages[1]
    assert "Innehåll" in contents
    chapter = r"^(Budget 2026|Prioriterade områden 2026)[ .]*?(\d+)$"
    listed = dict(re.findall(chapter, contents, re.M))
    assert set(listed) == {"Budget 2026", "Prioriterade områden 2026"}
    for title, page in listed.items():
        assert title in pages[int(page) - 1].split("Sida")[0]


def test_each_chapter_starts_a_new_page(draft_pdf):
    running = {"Budget och verksamhetsplan 2026", "UTKAST", ""}
    first_lines = [
        next(line for line in text.splitlines() if line.strip() not in running)
        for text in pdf_pages(draft_pdf)[2:]
    ]
    for chapter in ("Inledning", "Mål", "Budget 2026", "Prioriterade områden 2026"):
        assert chapter in first_lines


def test_a_long_table_repeats_its_header_and_never_splits_a_row(draft_pdf):
    pages = pdf_pages(draft_pdf)
    with_activities = [text for text in pages if "Aktivitet 1" in text or "Aktivitet 3" in text]
    assert len(with_activities) >= 2
    for text in with_activities:
        assert "Ansvarig enhet" in text  # the header row on every page of the table
    # Each activity's two-line name is on one page.
    for n in range(1, 61):
        holding = [text for text in pages if re.search(rf"Aktivitet {n}: samordning", text)]
        assert len(holding) == 1
        assert "delregionen" in holding[0].split(f"Aktivitet {n}:")[1].split("Aktivitet")[0]
