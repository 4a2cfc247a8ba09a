"""A generated document as a list of blocks, the one source that every output renders.

A builder (the plan, the follow-up report) reads the domain and returns a `Document`; the HTML,
PDF and DOCX renderers each walk the same blocks, so the three files cannot disagree. Blocks
carry raw values (tables are `lib.tabular.Table`) and formatted text is made by the renderer
through the one Swedish formatter.
"""

import datetime
from dataclasses import dataclass, field

from samverka.lib.tabular import Table


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1 = a chapter (starts a new page in print), 2 = a section, 3 = a subsection
    anchor: str = ""  # id in HTML, bookmark in PDF and DOCX; made from the text when empty


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str  # plain text; line breaks inside are kept
    style: str = ""  # "lead" (an introduction), "quote", "note" (small, muted)


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Label–value pairs (a summary list): a goal's status, a project's period."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class TableBlock:
    table: Table
    caption_visible: bool = True  # the caption is always in the markup; shown or screen-reader only


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart as the pages draw it (`lib.svg`), with the text a screen reader gets instead."""

    svg: str  # a self-contained <svg role="img"> from lib.svg
    title: str
    summary: str  # what the chart shows, in words
    table: Table | None = None  # the figures behind it, printed beside the chart


@dataclass(frozen=True, slots=True)
class Callout:
    """A boxed notice: a finding, a status that needs attention."""

    text: str
    severity: str = "info"  # "info", "warning", "error"
    title: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Facts | TableBlock | Chart | Callout | PageBreak


@dataclass(slots=True)
class Document:
    key: str  # file name stem: "budget-och-verksamhetsplan-2026"
    title: str  # "Budget och verksamhetsplan 2026"
    organisation: str  # the federation's name, on the cover and in the running header
    subtitle: str = ""
    draft: bool = True  # marked "Utkast" on every page
    date: datetime.date | None = None  # adopted on, or the report's date
    decision: str = ""  # the adopting decision, named on the cover ("Direktionen 2025-11-21 § 45")
    blocks: list[Block] = field(default_factory=list)
    appendices: list[Block] = field(default_factory=list)  # after the main text (findings, …)
    language: str = "sv"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self, max_level: int = 2) -> list[Heading]:
        """The table of contents: headings of the main text and the appendices."""
        return [
            b
            for b in [*self.blocks, *self.appendices]
            if isinstance(b, Heading) and b.level <= max_level
        ]

    def tables(self) -> list[Table]:
        """Every table in the document, in order: what a test or an XLSX export reads."""
        blocks = [*self.blocks, *self.appendices]
        return [
            b.table for b in blocks if isinstance(b, TableBlock | Chart) and b.table is not None
        ]
