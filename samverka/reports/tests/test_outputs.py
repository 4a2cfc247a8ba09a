"""One call renders a document in any of the three formats, named after the document."""

import pytest

from samverka.reports import outputs
from samverka.reports.document import Document, Heading, Paragraph


def _document() -> Document:
    return Document(
        "uppfoljning-2026-03-31",
        "Uppföljning",
        "Förbundet",
        blocks=[Heading("Ekonomi"), Paragraph("Text")],
    )


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ],
)
def test_each_format_has_its_file_name_content_type_and_content(fmt, content_type, magic):
    rendered = outputs.render(_document(), fmt)
    assert rendered.filename == f"uppfoljning-2026-03-31.{fmt}"
    assert rendered.content_type == content_type
    assert rendered.content.startswith(magic)


def test_an_unknown_format_is_refused_in_swedish():
    with pytest.raises(outputs.UnknownFormatError, match="Okänt format: odt"):
        outputs.render(_document(), "odt")
