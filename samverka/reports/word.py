"""The generated document as DOCX (python-docx): a Word file the office can edit and send on.

Real Word structure, not look-alikes: Heading 1–3 styles (what Word's navigation pane and the
table of contents read), Word tables whose header row repeats on every page and whose rows do
not split, numbers right-aligned, sum rows bold with a rule above. The table of contents is a
TOC field that Word fills in: the settings ask Word to update fields when the file is opened,
and until then the field shows the headings without page numbers. The header carries the title
(and "UTKAST" on a draft), the footer "Sida N av M" as PAGE and NUMPAGES fields.

A chart is its title, its summary and its data table: Word does not show our SVG reliably (see
ARCHITECTURE.md), and the figures are what a reader of the Word file works with.
"""

import datetime
import io
import re

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.table import _Cell

from samverka.lib.tabular import Table
from samverka.reports.document import (
    BulletList,
    Callout,
    Chart,
    Document,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from samverka.reports.html import cell_text, heading_level, label_column, row_kind

FONT = "Calibri"
TEXT = RGBColor(0x1A, 0x1D, 0x21)
SUBTLE = RGBColor(0x4B, 0x55, 0x63)
BRAND = RGBColor(0x0B, 0x4F, 0x7C)
DANGER = RGBColor(0xB3, 0x00, 0x1E)
RULE = "7C8691"
RULE_SUBTLE = "D3D9DF"
CALLOUT_COLOURS = {  # severity: (rule, fill)
    "info": ("0B4F7C", "E7F0F7"),
    "warning": ("7A4A00", "FDF3E1"),
    "error": ("B3001E", "FBEAEC"),
}
TABLE_TEXT, TABLE_FIGURE = "Table Text", "Table Figure"
TABLE_STYLE_IDS = {False: "TableText", True: "TableFigure"}  # what Word calls them inside
TEXT_WIDTH_MM = 168  # A4 less the margins (see _page)
FIGURE_WIDTH_MM = 26
TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '


# --- Low-level XML helpers (python-docx has no API for these) -------------------------------


# Word refuses a file whose elements are out of the schema's order, so a new element goes before
# the first of the elements that must follow it.
SUCCESSORS = {
    "w:tblBorders": ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"),
    "w:tblCaption": ("w:tblDescription",),
    "w:tcBorders": ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:vAlign"),
    "w:pBdr": ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"),
    "w:shd": ("w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"),
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:top": ("w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"),
    "w:bottom": ("w:right", "w:end", "w:insideH", "w:insideV"),
    "w:updateFields": (
        "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
        "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    ),
}  # fmt: skip


def _set(parent, tag: str, **attrs: str):
    """The child `tag` of `parent` (created in its place when missing) with `attrs` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        following = [parent.find(qn(t)) for t in SUCCESSORS.get(tag, ())]
        following = [element for element in following if element is not None]
        if following:
            following[0].addprevious(child)
        else:
            parent.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _fonts(rpr, name: str) -> None:
    """One font for every script, replacing the template's theme fonts (which would win)."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), name)


def _border(element, side: str, size: int, colour: str) -> None:
    _set(element, side, val="single", sz=str(size), space="0", color=colour)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A simple field (PAGE, NUMPAGES) as begin / instruction / separate / result / end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            _set(run._r, "w:fldChar", fldCharType=kind)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.add_run(placeholder)
    _set(paragraph.add_run()._r, "w:fldChar", fldCharType="end")


# --- The document's frame: page, styles, header, footer ---------------------------------------


def _styles(docx, language: str) -> None:
    styles = docx.styles
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, FONT)
    locale = "sv-SE" if language == "sv" else language
    _set(rpr, "w:lang", val=locale, eastAsia=locale)
    _set(docx.settings.element, "w:themeFontLang", val=locale)
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = TEXT
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, colour, before in (
        ("Heading 1", 18, BRAND, 0),
        ("Heading 2", 13.5, TEXT, 14),
        ("Heading 3", 11.5, TEXT, 10),
        ("Title", 28, RGBColor(0x08, 0x3A, 0x5C), 0),
        ("Subtitle", 14, SUBTLE, 0),
        ("TOC Heading", 16, BRAND, 0),
    ):
        style = styles[name]
        _fonts(style.element.get_or_add_rPr(), FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = colour
        style.font.italic = False
        style.font.bold = name not in ("Subtitle",)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    # Each chapter starts on a new page, as in the PDF.
    styles["Heading 1"].paragraph_format.page_break_before = True
    styles["Caption"].font.size = Pt(10)
    styles["Caption"].font.bold = True
    styles["Caption"].font.italic = False
    styles["Caption"].font.color.rgb = TEXT
    styles["Caption"].paragraph_format.keep_with_next = True
    _fonts(styles["Caption"].element.get_or_add_rPr(), FONT)
    # Table cells: one style for text and one for figures (right-aligned), not per cell.
    text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = normal
    text.font.size = Pt(9.5)
    text.paragraph_format.space_before = text.paragraph_format.space_after = Pt(0)
    text.paragraph_format.line_spacing = 1.0
    figure = styles.add_style(TABLE_FIGURE, WD_STYLE_TYPE.PARAGRAPH)
    figure.base_style = text
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _page(docx) -> None:
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)


def _header_and_footer(docx, document: Document) -> None:
    section = docx.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    header = section.header.paragraphs[0]
    # The template's Header style has its stops for US Letter; one stop at the right margin.
    for stop in (Twips(4680), Twips(9360)):
        header.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.CLEAR)
    header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    title = header.add_run(document.title)
    title.font.size, title.font.color.rgb = Pt(8), SUBTLE
    if document.draft:
        mark = header.add_run("\t" + _("Utkast").upper())
        mark.font.size, mark.font.bold, mark.font.color.rgb = Pt(9), True, DANGER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # "Sida 3 av 24": the sentence's placeholders become PAGE and NUMPAGES fields.
    for part in re.split(r"(%\((?:page|pages)\)s)", _("Sida %(page)s av %(pages)s")):
        if part == "%(page)s":
            _field(footer, " PAGE ", "1")
        elif part == "%(pages)s":
            _field(footer, " NUMPAGES ", "1")
        elif part:
            footer.add_run(part)
    for run in footer.runs:
        run.font.size, run.font.color.rgb = Pt(8), SUBTLE


def _update_fields_on_open(docx) -> None:
    # Word asks to update the fields (the table of contents, page counts) when it opens the file.
    _set(docx.settings.element, "w:updateFields", val="true")


# --- Cover and contents ------------------------------------------------------------------------


def _cover(docx, document: Document) -> None:
    organisation = docx.add_paragraph()
    run = organisation.add_run(document.organisation)
    run.font.bold, run.font.color.rgb, run.font.size = True, BRAND, Pt(12)
    docx.add_paragraph(document.title, style="Title")
    if document.subtitle:
        docx.add_paragraph(document.subtitle, style="Subtitle")
    if document.draft:
        draft = docx.add_paragraph()
        mark = draft.add_run(_("Utkast").upper() + " ")
        mark.font.bold, mark.font.color.rgb = True, DANGER
        draft.add_run(_("Dokumentet är inte fastställt och kan ändras."))
    facts = []
    if document.decision:
        facts.append((_("Beslut"), document.decision))
    if document.date:
        facts.append((_("Datum"), document.date.isoformat()))
    for label, value in facts:
        paragraph = docx.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(f"{label}: ").font.color.rgb = SUBTLE
        paragraph.add_run(value).font.bold = True


def _contents(docx, document: Document) -> None:
    """The TOC field, showing the chapter and section headings until Word fills in the pages."""
    headings = document.headings(max_level=2)
    if not headings:
        return
    docx.add_paragraph(_("Innehåll"), style="TOC Heading")
    entries = [(h.text, h.level) for h in headings]
    paragraphs = [docx.add_paragraph() for _entry in entries]
    first, last = paragraphs[0], paragraphs[-1]
    _set(first.add_run()._r, "w:fldChar", fldCharType="begin", dirty="true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = TOC_INSTRUCTION
    first.add_run()._r.append(instr)
    _set(first.add_run()._r, "w:fldChar", fldCharType="separate")
    for paragraph, (text, level) in zip(paragraphs, entries, strict=True):
        paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(text).font.bold = level == 1
    _set(last.add_run()._r, "w:fldChar", fldCharType="end")


# --- Blocks ------------------------------------------------------------------------------------


def _paragraph(docx, block: Paragraph) -> None:
    style = "Quote" if block.style == "quote" else None
    paragraph = docx.add_paragraph(style=style)
    for index, line in enumerate(block.text.split("\n")):
        run = paragraph.add_run(line)
        if index:
            run._r.addprevious(OxmlElement("w:br"))
        if block.style == "lead":
            run.font.size, run.font.color.rgb = Pt(12), SUBTLE
        elif block.style == "note":
            run.font.size, run.font.color.rgb = Pt(9), SUBTLE


def _small(docx, text: str) -> None:
    paragraph = docx.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run(text)
    run.font.size, run.font.color.rgb = Pt(8.5), SUBTLE


def _table(docx, table: Table, caption_visible: bool = True) -> None:
    if caption_visible:
        docx.add_paragraph(table.title, style="Caption")
    word_table = docx.add_table(rows=1, cols=len(table.columns))
    word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = word_table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w="5000", type="pct")
    # The table's name for a screen reader (Word's "Alt text" title), visible caption or not.
    _set(tbl_pr, "w:tblCaption", val=table.title[:255])
    borders = _set(tbl_pr, "w:tblBorders")
    _border(borders, "w:insideH", 4, RULE_SUBTLE)
    _border(borders, "w:bottom", 4, RULE_SUBTLE)
    widths = _widths(table)
    for column, width in zip(word_table.columns, widths, strict=True):
        column.width = width  # the grid (LibreOffice reads it); the cells' widths for Word
    header = word_table.rows[0]
    _set(header._tr.get_or_add_trPr(), "w:tblHeader", val="true")
    for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
        cell.width = width
        _cell(cell, column.label, numeric=column.kind.numeric, bold=True)
        _border(_set(cell._tc.get_or_add_tcPr(), "w:tcBorders"), "w:bottom", 8, "1A1D21")
    for row in table.rows:
        kind = row_kind(table, row)
        word_row = word_table.add_row()
        _set(word_row._tr.get_or_add_trPr(), "w:cantSplit", val="true")
        for index, (cell, column, value, width) in enumerate(
            zip(_cells(word_table, word_row), table.columns, row.values, widths, strict=True)
        ):
            cell.width = width
            _cell(
                cell,
                cell_text(column, value),
                numeric=column.kind.numeric,
                bold=kind != "line",
                indent=row.level if index == 0 else 0,
            )
            if kind == "total":
                _border(_set(cell._tc.get_or_add_tcPr(), "w:tcBorders"), "w:top", 8, "1A1D21")
    for note in [table.source, *table.notes]:
        if note:
            _small(docx, note)
    docx.add_paragraph().paragraph_format.space_after = Pt(0)


def _cells(word_table, word_row) -> list[_Cell]:
    # A row's own cells; python-docx's `row.cells` walks the whole table for every row.
    return [_Cell(tc, word_table) for tc in word_row._tr.tc_lst]


def _widths(table: Table) -> list[Mm]:
    """Figures get what they need; the texts share the rest, the labels twice a share."""
    numeric = [column.kind.numeric for column in table.columns]
    label = label_column(table)
    shares = {i: 2 if i == label else 1 for i, is_numeric in enumerate(numeric) if not is_numeric}
    room = max(TEXT_WIDTH_MM - FIGURE_WIDTH_MM * sum(numeric), 40 * len(shares))
    return [
        Mm(FIGURE_WIDTH_MM if is_numeric else room * shares[index] / sum(shares.values()))
        for index, is_numeric in enumerate(numeric)
    ]


def _cell(cell, text: str, *, numeric: bool, bold: bool, indent: int = 0) -> None:
    paragraph = cell.paragraphs[0]
    # The style's id straight into the XML: setting it by name looks it up among ~170 styles.
    paragraph._p.style = TABLE_STYLE_IDS[numeric]
    if indent:
        paragraph.paragraph_format.left_indent = Mm(4 * indent)
    run = paragraph.add_run(text)
    if bold:
        run.font.bold = True


def _callout(docx, block: Callout) -> None:
    rule, fill = CALLOUT_COLOURS.get(block.severity, CALLOUT_COLOURS["info"])
    default_title = {"error": _("Fel"), "warning": _("Observera")}.get(
        block.severity, _("Information")
    )
    paragraph = docx.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    borders = _set(ppr, "w:pBdr")
    _set(borders, "w:left", val="single", sz="24", space="8", color=rule)
    _set(ppr, "w:shd", val="clear", color="auto", fill=fill)
    paragraph.paragraph_format.left_indent = Mm(3)
    paragraph.add_run(block.title or default_title).bold = True
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run(block.text)


def _blocks(docx, blocks) -> None:
    previous_level = 0
    for block in blocks:
        if isinstance(block, Heading):
            previous_level = heading_level(block.level, previous_level, deepest=3)
            docx.add_heading(block.text, previous_level)
        elif isinstance(block, Paragraph):
            _paragraph(docx, block)
        elif isinstance(block, BulletList):
            for item in block.items:
                docx.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Facts):
            for label, value in block.pairs:
                paragraph = docx.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(value)
        elif isinstance(block, TableBlock):
            _table(docx, block.table, block.caption_visible)
        elif isinstance(block, Chart):
            docx.add_paragraph(block.title, style="Caption")
            if block.summary:
                docx.add_paragraph(block.summary)
            if block.table is not None:
                _table(docx, block.table)
        elif isinstance(block, Callout):
            _callout(docx, block)
        elif isinstance(block, PageBreak):
            docx.add_page_break()


def render(document: Document) -> bytes:
    with translation.override(document.language):
        docx = new_docx()
        _page(docx)
        _styles(docx, document.language)
        properties = docx.core_properties
        properties.title = document.title
        properties.author = document.organisation
        properties.subject = document.subtitle
        properties.language = document.language
        properties.comments = document.decision
        if document.date:
            # The document's own date, so that the same document gives the same file.
            moment = datetime.datetime.combine(document.date, datetime.time(), datetime.UTC)
            properties.created = properties.modified = moment
        properties.revision = 1
        properties.last_modified_by = document.organisation
        _header_and_footer(docx, document)
        _update_fields_on_open(docx)
        _cover(docx, document)
        _contents(docx, document)
        _blocks(docx, [*document.blocks, *document.appendices])
        out = io.BytesIO()
        docx.save(out)
    return out.getvalue()
