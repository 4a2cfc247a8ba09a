"""The generated document as HTML: a standalone, accessible page and the fragment the site embeds.

The standalone page (`render`) is what the HTML download holds and what the PDF is printed from
(`pdf.py`): the document stylesheet for the screen and the print stylesheet (`media="print"`)
are inside it, so the file reads the same opened on its own, printed from a browser or turned
into the PDF. The fragment (`fragment`) is the same article without the page around it: the
site's plan page puts it inside `base.html`, styled by the site's own stylesheet.

Both are built from one context (`context`), in which each block has been turned into what its
template needs: heading levels that never skip (the title is the one h1, a chapter an h2),
unique anchors the table of contents links to, and every table cell formatted once.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from samverka.lib.money import MINUS
from samverka.lib.tabular import Column, Kind, Row, Table
from samverka.reports.document import (
    Block,
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

SEVERITIES = ("info", "warning", "error")
PARAGRAPH_STYLES = ("lead", "quote", "note")
# Tables up to this many rows are kept on one page in print; longer ones break between rows.
SHORT_TABLE_ROWS = 18


def cell_text(column: Column, value) -> str:
    """A cell as the documents print it: the Swedish format, and a real minus sign on negative
    numbers (read as "minus" by a screen reader, as wide as a digit, never broken from it)."""
    text = column.text(value)
    # Also an amount formatted before it came here ("-185 000 kr" in a text column).
    if text[:1] == "-" and (column.kind.numeric or text[1:2].isdigit()):
        return MINUS + text[1:]
    return text


# --- What the templates get ---------------------------------------------------------------


@dataclass
class TableRowView:
    cells: list[tuple[str, str]]  # (text, class): "num" right-aligned, "date" never broken
    kind: str  # "line", "total" (a sum: bold, rule above), "heading" (names the lines below it)
    level: int


@dataclass
class TableView:
    id: str
    caption: str
    caption_visible: bool
    columns: list[tuple[str, str]]  # (label, class): "num", "date", "label" or "text"
    rows: list[TableRowView]
    row_headers: bool  # the first column names the row (th scope="row")
    notes: list[str]
    short: bool
    fixed: bool  # few figures: print with fixed column widths, the same on every page


@dataclass
class TocEntry:
    text: str
    anchor: str
    level: int
    children: list["TocEntry"] = field(default_factory=list)


@dataclass
class Item:
    """One block ready for the template: `kind` picks the include, the rest is its data."""

    kind: str
    block: Block | None = None
    tag: str = ""  # a heading's element (h2–h5)
    anchor: str = ""
    level: int = 0
    table: TableView | None = None
    lines: list[str] = field(default_factory=list)  # a paragraph's lines
    svg: SafeString | None = None
    variant: str = ""  # a paragraph's style, a callout's severity (only known values)


def heading_level(wanted: int, previous: int, deepest: int = 4) -> int:
    """A heading's level in the output: at most one below the heading before it, so a reader
    who moves by headings never meets a gap."""
    return max(1, min(wanted, previous + 1, deepest))


def row_kind(table: Table, row: Row) -> str:
    if not row.emphasis:
        return "line"
    numeric = [v for c, v in zip(table.columns, row.values, strict=True) if c.kind.numeric]
    # An emphasised row without figures names the group of lines under it ("KOSTNADER").
    return "heading" if numeric and all(v is None or v == "" for v in numeric) else "total"


def _cell_class(column: Column) -> str:
    return "num" if column.kind.numeric else "date" if column.kind == Kind.DATE else ""


def label_column(table: Table) -> int | None:
    """The text column that names the rows (the longest texts): it gets the room in print."""
    lengths = {
        index: len(column.label) + sum(len(str(row.values[index] or "")) for row in table.rows)
        for index, column in enumerate(table.columns)
        if column.kind == Kind.TEXT
    }
    return max(lengths, key=lambda index: (lengths[index], -index)) if lengths else None


def _header_class(table: Table, index: int, label: int | None) -> str:
    column = table.columns[index]
    return _cell_class(column) or ("label" if index == label else "text")


# Fixed columns (print.css: figures 26 mm, dates 21 mm, other texts a fifth of the line) only
# when they leave the label column at least 40 % of A4's 168 mm line; a table with more or wider
# columns sizes them by its content, or the labels are squeezed to a word a line and columns
# collide.
LINE_MM = 168
FIGURE_MM, DATE_MM = 26, 21


def _fixed_width_mm(column: Column) -> float:
    return (
        FIGURE_MM if column.kind.numeric else DATE_MM if column.kind == Kind.DATE else LINE_MM / 5
    )


def _fits_fixed_columns(table: Table, label: int | None) -> bool:
    if label is None:
        return False
    taken = sum(_fixed_width_mm(c) for index, c in enumerate(table.columns) if index != label)
    return taken <= LINE_MM * 0.6


def table_view(table: Table, table_id: str, caption_visible: bool = True) -> TableView:
    label = label_column(table)
    columns = [(c.label, _header_class(table, i, label)) for i, c in enumerate(table.columns)]
    rows = [
        TableRowView(
            cells=[
                (cell_text(c, v), _cell_class(c))
                for c, v in zip(table.columns, row.values, strict=True)
            ],
            kind=row_kind(table, row),
            level=row.level,
        )
        for row in table.rows
    ]
    return TableView(
        id=table_id,
        caption=table.title,
        caption_visible=caption_visible,
        columns=columns,
        rows=rows,
        row_headers=bool(table.columns) and table.columns[0].kind == Kind.TEXT,
        notes=[text for text in [table.source, *table.notes] if text],
        short=len(table.rows) <= SHORT_TABLE_ROWS,
        fixed=_fits_fixed_columns(table, label),
    )


class _Anchors:
    """Unique ids in one document: a heading's own anchor or one made from its text."""

    def __init__(self) -> None:
        self.used: set[str] = {"document-title", "document-toc"}

    def make(self, wanted: str, fallback: str) -> str:
        base = slugify(wanted) or slugify(fallback) or "avsnitt"
        if base[0].isdigit():
            base = f"a-{base}"
        anchor, n = base, 2
        while anchor in self.used:
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor)
        return anchor


def _items(blocks: list[Block], anchors: _Anchors, toc: list[TocEntry], state: dict) -> list[Item]:
    items = []
    for block in blocks:
        if isinstance(block, Heading):
            level = heading_level(block.level, state["level"])
            state["level"] = level
            anchor = anchors.make(block.anchor, block.text)
            items.append(Item("heading", block, tag=f"h{level + 1}", anchor=anchor, level=level))
            entry = TocEntry(block.text, anchor, level)
            if level == 1 or not toc:
                toc.append(entry)
            elif level == 2:
                toc[-1].children.append(entry)
        elif isinstance(block, Paragraph):
            variant = block.style if block.style in PARAGRAPH_STYLES else ""
            items.append(Item("paragraph", block, lines=block.text.split("\n"), variant=variant))
        elif isinstance(block, BulletList):
            items.append(Item("list", block))
        elif isinstance(block, Facts):
            items.append(Item("facts", block))
        elif isinstance(block, TableBlock):
            table_id = anchors.make(f"tabell-{block.table.key}", "tabell")
            items.append(
                Item("table", block, table=table_view(block.table, table_id, block.caption_visible))
            )
        elif isinstance(block, Chart):
            chart_id = anchors.make(f"diagram-{block.title}", "diagram")
            table = (
                table_view(block.table, f"{chart_id}-tabell") if block.table is not None else None
            )
            # The SVG comes from lib.svg, which escapes every text and attribute it writes.
            svg = mark_safe(block.svg)  # noqa: S308
            items.append(Item("chart", block, anchor=chart_id, table=table, svg=svg))
        elif isinstance(block, Callout):
            variant = block.severity if block.severity in SEVERITIES else "info"
            items.append(Item("callout", block, variant=variant))
        elif isinstance(block, PageBreak):
            items.append(Item("page_break", block))
        else:  # pragma: no cover - Block is a closed union
            raise TypeError(f"Okänt block: {block!r}")
    return items


SVG_IDS = re.compile(r'\sid="([^"]+)"')


def context(document: Document) -> dict:
    anchors = _Anchors()
    # A chart's SVG brings its own ids (its title, its description); no heading may take one.
    for block in [*document.blocks, *document.appendices]:
        if isinstance(block, Chart):
            anchors.used.update(SVG_IDS.findall(block.svg))
    toc: list[TocEntry] = []
    state = {"level": 0}
    blocks = _items(document.blocks, anchors, toc, state)
    appendices = _items(document.appendices, anchors, toc, state)
    return {
        "document": document,
        "date": document.date.isoformat() if isinstance(document.date, datetime.date) else "",
        "toc": toc,
        "items": blocks,
        "appendices": appendices,
    }


def _fragment(ctx: dict) -> SafeString:
    return mark_safe(  # noqa: S308 - a rendered template, escaped by Django
        render_to_string("reports/_document.html", ctx)
    )


def fragment(document: Document) -> SafeString:
    """The document as one <article>, for a page of the site (which brings its own styles)."""
    with translation.override(document.language):
        return _fragment(context(document))


def render(document: Document) -> bytes:
    """The standalone page: what the HTML download holds and the PDF is printed from."""
    with translation.override(document.language):
        ctx = context(document)
        html = render_to_string("reports/document.html", ctx | {"fragment": _fragment(ctx)})
    return html.encode("utf-8")
