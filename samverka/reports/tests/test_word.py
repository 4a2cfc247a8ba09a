"""The document as a Word file: real headings and tables, a contents field Word fills in, the
title and "UTKAST" in the header, the page number in the footer."""

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from samverka.lib.tabular import rows_of
from samverka.reports import word
from samverka.reports.tests._documents import sample_document


@pytest.fixture(scope="module")
def document():
    return sample_document(draft=True, activities=12)


@pytest.fixture(scope="module")
def data(document) -> bytes:
    return word.render(document)


@pytest.fixture(scope="module")
def opened(data):
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_headings_use_words_heading_styles(opened):
    styled = [(p.style.name, p.text) for p in opened.paragraphs if p.style.name.startswith("Head")]
    assert ("Heading 1", "Inledning") in styled
    assert ("Heading 2", "Förbundets uppdrag") in styled
    assert ("Heading 3", "Indikatorer") in styled
    assert opened.styles["Heading 1"].paragraph_format.page_break_before is True


def test_the_cover_is_at_the_top(opened):
    texts = [p.text for p in opened.paragraphs[:6]]
    assert texts[0] == "Skaraborgs Kommunalförbund"
    assert opened.paragraphs[1].style.name == "Title"
    assert opened.paragraphs[1].text == "Budget och verksamhetsplan 2026"
    assert any(t.startswith("UTKAST") for t in texts)


def test_every_table_is_a_word_table_with_the_documents_cell_texts(document, opened):
    expected = [list(rows_of(t)) for t in document.tables()]
    found = [[[c.text for c in row.cells] for row in table.rows] for table in opened.tables]
    minus = str.maketrans({"\u2212": "-"})
    assert [[[c.translate(minus) for c in row] for row in t] for t in found] == expected


def test_tables_repeat_their_header_align_figures_right_and_bold_their_sums(opened):
    table = next(t for t in opened.tables if t.rows[0].cells[0].text == "Kr")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows[1:])
    personnel = next(r for r in table.rows if r.cells[0].text == "Personal")
    figure = personnel.cells[1].paragraphs[0]
    assert figure.style.name == "Table Figure"
    assert figure.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert personnel.cells[0].paragraphs[0].style.name == "Table Text"
    assert figure.text.startswith("\u2212")
    assert not figure.runs[0].bold
    total = next(r for r in table.rows if r.cells[0].text == "SUMMA KOSTNADER")
    assert all(c.paragraphs[0].runs[0].bold for c in total.cells if c.text)
    top = total.cells[1]._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:top"))
    assert top is not None and top.get(qn("w:val")) == "single"
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")).startswith("Budget ")


def test_the_contents_are_a_toc_field_word_updates_on_opening(data):
    body = _part(data, "word/document.xml")
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    assert 'w:fldCharType="begin" w:dirty="true"' in body
    settings = _part(data, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    # Word's schema order: updateFields before compat.
    assert settings.index("w:updateFields") < settings.index("<w:compat>")


def test_header_has_title_and_utkast_and_footer_the_page_fields(opened, data):
    section = opened.sections[0]
    assert section.header.paragraphs[0].text == "Budget och verksamhetsplan 2026\tUTKAST"
    footer = _part(data, "word/footer1.xml")
    assert " PAGE " in footer and " NUMPAGES " in footer and "Sida " in footer


def test_an_adopted_document_has_no_utkast_and_names_its_decision():
    opened = docx.Document(io.BytesIO(word.render(sample_document(draft=False, activities=1))))
    assert "UTKAST" not in opened.sections[0].header.paragraphs[0].text
    texts = "\n".join(p.text for p in opened.paragraphs)
    assert "UTKAST" not in texts
    assert "Beslut: Direktionen 2025-11-21 § 45" in texts


def test_a_chart_becomes_its_title_summary_and_data_table(document, opened):
    texts = [p.text for p in opened.paragraphs]
    index = texts.index("Befolkning i Skaraborg")
    assert opened.paragraphs[index].style.name == "Caption"
    assert texts[index + 1].startswith("Befolkningen har ökat")
    assert any(t.rows[0].cells[0].text == "År" for t in opened.tables)


def test_the_page_is_a4_and_the_language_swedish(opened, data):
    section = opened.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 'w:val="sv-SE"' in _part(data, "word/styles.xml")
    assert opened.core_properties.title == "Budget och verksamhetsplan 2026"
    assert opened.core_properties.author == "Skaraborgs Kommunalförbund"
