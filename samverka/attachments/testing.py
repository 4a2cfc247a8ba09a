"""Factories for attachment tests: files of each allowed type, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.attachments import attaching, checking
from samverka.attachments.forms import AttachmentForm

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32) + b"\xff\xd9"
# What a Windows program starts with: "MZ", then the DOS stub and its NUL bytes.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(64)


def docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Ansökan om projektmedel")
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Budget"
    workbook.save(out)
    return out.getvalue()


def odf(kind: str = "text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype comes first and uncompressed, as the OpenDocument standard requires.
        archive.writestr(
            "mimetype", f"application/vnd.oasis.opendocument.{kind}", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def upload(name: str = "Protokoll direktionen 2025-10-10.pdf", content: bytes = PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def make_attachment(target, name: str = "Protokoll.pdf", content: bytes = PDF, **fields):
    """Through the form and `attaching.attach`, as an upload would be stored."""
    data = {
        "kind": fields.pop("kind", None) or AttachmentForm(target=target).instance.kind,
        "seen_version": 0,
    } | fields
    form = AttachmentForm(data, {"file": upload(name, content)}, target=target)
    assert form.is_valid(), form.errors
    return attaching.attach(form)


def stored_names(storage) -> list[str]:
    """Every file under attachments/ in the storage, through the storage API."""
    return checking.stored_names(storage)
