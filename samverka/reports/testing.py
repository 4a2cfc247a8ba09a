"""Test helpers for the generated documents: the original's figures and chapters, read from its
extracted text, and a document as plain text."""

import re
from pathlib import Path

from samverka.core.seeding import SEED_DIR
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

SOURCE = SEED_DIR / "sources" / "bvp2026.txt"
THOUSANDS = "000"


def _lines(path: Path = SOURCE) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def normalise(text: str) -> str:
    """Spaces of every kind as one space, the typographic minus and dashes as "-"."""
    text = re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text)
    return text.replace("\u2212", "-").replace("–", "-").replace("—", "-").strip()


def _split_figures(tokens: list[str]) -> list[str]:
    """ "185 000 164 000" → ["185 000", "164 000"].

    The printed tables are in whole thousands, so a figure ends with "000" (or is "0"): a new
    figure begins after a "000" group unless another "000" group follows, or at a sign."""
    figures: list[list[str]] = []
    for token in tokens:
        starts = (
            not figures
            or token.startswith("-")
            or figures[-1] == ["0"]
            or (figures[-1][-1] == THOUSANDS and token != THOUSANDS and len(figures[-1]) > 1)
        )
        if starts:
            figures.append([token])
        else:
            figures[-1].append(token)
    return [" ".join(f) for f in figures]


_FIGURES_AT_END = re.compile(r"((?:\s-?\d{1,3})+)\s*$")


def seed_budget_tables(path: Path = SOURCE) -> dict[str, list[str]]:
    """Each budget table of the original, by its printed title: the figures of its rows, as
    printed ("7 806 000", "-6 997 000"), in order."""
    lines = _lines(path)
    tables: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        if normalise(line) != "Kr 2026 2025":
            continue
        title = next(t for t in reversed(lines[:index]) if t)
        figures: list[str] = []
        for row in lines[index + 1 :]:
            match = _FIGURES_AT_END.search(" " + normalise(row))
            if match:
                figures += _split_figures(match.group(1).split())
            if normalise(row).upper().startswith("RESULTAT"):
                break
        tables[normalise(title)] = figures
    return tables


def seed_budget_figures(path: Path = SOURCE) -> list[str]:
    """Every figure of every budget table of the original ("Driftbudget, totalt" and each
    "BUDGET …" table), as printed."""
    return [figure for figures in seed_budget_tables(path).values() for figure in figures]


def seed_contents(path: Path = SOURCE) -> list[str]:
    """The original's table of contents: the chapter and section titles, in order."""
    lines = _lines(path)
    start = lines.index("INNEHÅLLSFÖRTECKNING") + 1
    titles: list[str] = []
    pending = ""
    for line in lines[start:]:
        if line.startswith("Budget och verksamhetsplan"):
            break
        if not line:
            continue
        match = re.match(r"^(.*?)[\s.]*(\d+)$", line)
        if match is None:
            pending = f"{pending} {line}"  # a title that continues on the next line
            continue
        titles.append(normalise(f"{pending} {match.group(1)}"))
        pending = ""
    return titles


def table_texts(document: Document) -> list[str]:
    """Every cell, caption, source and note of the document's tables, normalised."""
    texts = []
    for table in document.tables():
        texts += [table.title, table.source, *table.notes]
        texts += [cell for row in rows_of(table) for cell in row]
    return [normalise(t) for t in texts if t]


def plain_text(document: Document) -> str:
    """The document as plain text, chapter by chapter: for reading it against the original."""
    out = [document.title.upper(), document.organisation]
    if document.subtitle:
        out.append(document.subtitle)
    cover = "UTKAST" if document.draft else f"Antagen: {document.decision}"
    out += [f"{cover} ({document.date})", ""]
    for block in [*document.blocks, *document.appendices]:
        out += _block_text(block)
    return "\n".join(out)


def _block_text(block) -> list[str]:
    if isinstance(block, Heading):
        marks = {1: "#", 2: "##", 3: "###"}.get(block.level, "####")
        return ["", f"{marks} {block.text}", ""]
    if isinstance(block, Paragraph):
        prefix = {"quote": "> ", "lead": "", "note": "(obs) "}.get(block.style, "")
        return [prefix + block.text, ""]
    if isinstance(block, BulletList):
        return [f"  • {item}" for item in block.items] + [""]
    if isinstance(block, Facts):
        return [f"  {label}: {value}" for label, value in block.pairs] + [""]
    if isinstance(block, Callout):
        return [f"[{block.severity.upper()}] {block.title} {block.text}".replace("  ", " "), ""]
    if isinstance(block, TableBlock | Chart):
        table = block.table
        lines = []
        if isinstance(block, Chart):
            lines.append(f"[Diagram: {block.title} – {block.summary}]")
        if table is not None:
            lines.append(f"Tabell: {table.title}")
            lines += ["  | " + " | ".join(row) + " |" for row in rows_of(table)]
            lines += [f"  Källa: {table.source}"] if table.source else []
            lines += [f"  Not: {note}" for note in table.notes]
        return [*lines, ""]
    if isinstance(block, PageBreak):
        return ["-" * 40]
    return [repr(block)]
