"""Reading a PDF in the tests: the text of each page (pdftotext, from poppler-utils) and the
structure tree a screen reader walks (pikepdf). Not a test module."""

import collections
import io
import subprocess

import pikepdf


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, in reading order."""
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def structure_types(data: bytes) -> collections.Counter:
    """How many structure elements of each type (/H1, /TH, /Table, …) the tagged PDF has."""
    counts: collections.Counter = collections.Counter()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    counts[str(node.S)] += 1
                if "/K" in node:
                    stack.append(node.K)
    return counts
