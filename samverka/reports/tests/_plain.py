"""A document as plain text, for tests and for reading a report before it is rendered."""

from samverka.lib.tabular import rows_of
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


def block_text(block) -> list[str]:
    if isinstance(block, Heading):
        return ["", "#" * block.level + " " + block.text]
    if isinstance(block, Paragraph):
        return [f"[{block.style}] {block.text}" if block.style else block.text]
    if isinstance(block, BulletList):
        return [f"  • {item}" for item in block.items]
    if isinstance(block, Facts):
        return [f"  {label}: {value}" for label, value in block.pairs]
    if isinstance(block, Callout):
        title = f"{block.title}: " if block.title else ""
        return [f"[{block.severity.upper()}] {title}{block.text}"]
    if isinstance(block, TableBlock | Chart) and block.table is not None:
        table = block.table
        lines = [f"Tabell: {table.title}"]
        lines += [" | ".join(row) for row in rows_of(table)]
        lines += [f"  ({note})" for note in [table.source, *table.notes] if note]
        return lines
    if isinstance(block, PageBreak):
        return ["----"]
    return []


def text_of(document: Document) -> str:
    lines = [document.organisation, document.title, document.subtitle, ""]
    for block in [*document.blocks, *document.appendices]:
        lines += block_text(block)
    return "\n".join(lines)
