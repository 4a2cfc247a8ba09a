"""One document, three files: `render(document, "pdf")` → Rendered(filename, type, bytes)."""

from dataclasses import dataclass

from samverka.reports.document import Document

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
}


class UnknownFormatError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Rendered:
    filename: str
    content_type: str
    content: bytes


def filename(document: Document, fmt: str, suffix: str = "") -> str:
    return f"{document.key}{suffix}.{FORMATS[fmt][1]}"


def render(document: Document, fmt: str) -> Rendered:
    if fmt not in FORMATS:
        raise UnknownFormatError(f"Okänt format: {fmt} (pdf, docx eller html)")
    if fmt == "pdf":
        from samverka.reports import pdf as renderer
    elif fmt == "docx":
        from samverka.reports import word as renderer
    else:
        from samverka.reports import html as renderer
    return Rendered(filename(document, fmt), FORMATS[fmt][0], renderer.render(document))
