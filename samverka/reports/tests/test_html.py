"""The document as an HTML page: accessible structure a screen reader and a keyboard can use."""

import re

import lxml.html
import pytest

from samverka.lib.tabular import Column, Kind, Table
from samverka.reports import html
from samverka.reports.document import Document, Heading, Paragraph, TableBlock
from samverka.reports.tests._documents import sample_document


@pytest.fixture(scope="module")
def draft_page():
    return lxml.html.fromstring(html.render(sample_document(draft=True, activities=5)))


def _text(element) -> str:
    # Collapse the markup's spaces, keep the no-break spaces inside figures.
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


def test_the_page_is_swedish_with_one_h1_the_title(draft_page):
    assert draft_page.get("lang") == "sv"
    assert [_text(h) for h in draft_page.xpath("//h1")] == ["Budget och verksamhetsplan 2026"]
    assert _text(draft_page.xpath("//title")[0]) == "Budget och verksamhetsplan 2026"


def test_heading_levels_never_skip_one(draft_page):
    levels = [int(h.tag[1]) for h in draft_page.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_a_heading_that_jumps_a_level_is_brought_one_below_the_last():
    document = Document("d", "Titel", "Förbund", blocks=[Heading("Kapitel", 1), Heading("Djup", 3)])
    page = lxml.html.fromstring(html.render(document))
    assert [h.tag for h in page.xpath("//article//h1|//article//h2|//article//h3|//article//h4")][
        -2:
    ] == ["h2", "h3"]


def test_the_table_of_contents_links_to_every_chapter_and_section(draft_page):
    toc = draft_page.xpath("//nav[@aria-labelledby='document-toc']")[0]
    links = toc.xpath(".//a")
    targets = {a.get("href")[1:]: _text(a) for a in links}
    assert "Inledning" in targets.values() and "Budget Projektenhet" in targets.values()
    for anchor, text in targets.items():
        (heading,) = draft_page.xpath(f"//*[@id='{anchor}']")
        assert _text(heading) == text


def test_repeated_headings_get_distinct_anchors():
    document = Document("d", "T", "F", blocks=[Heading("Budget", 1), Heading("Budget", 1)])
    page = lxml.html.fromstring(html.render(document))
    assert [h.get("id") for h in page.xpath("//h2[@class='level-1']")] == ["budget", "budget-2"]


def test_tables_have_a_caption_column_headers_and_row_headers(draft_page):
    tables = draft_page.xpath("//table")
    assert len(tables) >= 8
    for table in tables:
        assert table.xpath("./caption") and _text(table.xpath("./caption")[0])
        assert table.xpath("./thead/tr/th") and all(
            th.get("scope") == "col" for th in table.xpath("./thead/tr/th")
        )
        assert all(th.get("scope") == "row" for th in table.xpath("./tbody/tr/th"))
        region = table.getparent()
        assert region.get("role") == "region" and region.get("aria-label")


def test_figures_are_right_aligned_with_a_real_minus_and_sums_marked(draft_page):
    table = draft_page.xpath("//table[@id='tabell-budget-2026-kunskapsutveckling']")[0]
    personnel = table.xpath(".//tr[th[normalize-space()='Personal']]")[0]
    cells = personnel.xpath("./td")
    assert cells[0].text == "\u22126\u00a0011\u00a0000"
    assert all(td.get("class") == "num" for td in cells)
    assert table.xpath(".//thead/tr/th[2]")[0].get("class") == "num"
    total = table.xpath(".//tr[th[normalize-space()='SUMMA KOSTNADER']]")[0]
    assert total.get("class") == "total"
    group = table.xpath(".//tr[th[normalize-space()='KOSTNADER']]")[0]
    assert group.get("class") == "heading"
    assert "indent-1" in personnel.get("class")


def test_a_hidden_caption_is_still_read_by_a_screen_reader(draft_page):
    caption = draft_page.xpath("//table[@id='tabell-budget-2026-projektenhet']/caption")[0]
    assert caption.get("class") == "visually-hidden"
    assert _text(caption) == "Budget Projektenhet"


def test_a_chart_is_the_svg_with_its_summary_and_figures_beside_it(draft_page):
    (figure,) = draft_page.xpath("//figure[@class='document-chart']")
    assert _text(figure.xpath("./figcaption")[0]) == "Befolkning i Skaraborg"
    svg = figure.xpath(".//*[local-name()='svg']")[0]
    assert svg.get("role") == "img"
    assert figure.xpath(".//table/caption")
    assert "267\u00a0100" in _text(figure)


def test_a_draft_says_so_visibly_and_an_adopted_document_names_its_decision(draft_page):
    banner = draft_page.xpath("//p[@class='draft-banner']")[0]
    assert _text(banner).startswith("Utkast")
    adopted = lxml.html.fromstring(html.render(sample_document(draft=False, activities=1)))
    assert not adopted.xpath("//p[@class='draft-banner']")
    assert "Direktionen 2025-11-21 § 45" in _text(adopted.xpath("//header")[0])


def test_callouts_and_paragraph_styles_keep_their_meaning(draft_page):
    callouts = draft_page.xpath("//div[@role='note']")
    kinds = {c.get("class") for c in callouts}
    assert kinds >= {"callout callout-info", "callout callout-warning", "callout callout-error"}
    assert _text(callouts[0]).startswith("Utfall saknas")
    assert draft_page.xpath("//blockquote/p")
    assert draft_page.xpath("//p[@class='document-lead']")
    # Line breaks inside a paragraph are kept.
    assert draft_page.xpath("//p[br]")


def test_text_is_escaped():
    table = Table("t", "<b>Tabell</b>", [Column("a", "<i>A</i>"), Column("b", "B", Kind.MONEY)])
    table.add("<script>x</script>", None)
    document = Document("d", "<T>", "F & co", blocks=[Paragraph("a < b"), TableBlock(table)])
    page = html.render(document).decode()
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert "<b>Tabell" not in page and "F &amp; co" in page


def test_the_fragment_is_the_article_without_page_or_styles():
    fragment = str(html.fragment(sample_document(activities=1)))
    assert fragment.lstrip().startswith("<article") and fragment.rstrip().endswith("</article>")
    assert "<style" not in fragment and not re.search(r"style=", fragment)


def test_every_id_on_the_page_is_unique_also_beside_a_charts_own_ids():
    document = sample_document(activities=1)
    document.blocks.insert(0, Heading("Befolkning", 1))  # the chart's SVG has id="befolkning"
    page = lxml.html.fromstring(html.render(document))
    ids = [element.get("id") for element in page.xpath("//*[@id]")]
    assert len(ids) == len(set(ids))
