"""What an uploaded file may be, and how it goes back out.

A file is taken when its extension is one of the allowed types AND its content is that type
(magic bytes; for the zipped office formats the parts inside the zip), so an .exe renamed .pdf
is refused. The size limit is `settings.SAMVERKA_ATTACHMENT_MAX_BYTES` (20 MB unless the
environment says otherwise); `SizeLimitHandler` stops reading a file at the limit, so an
oversized upload never fills the server's temporary folder.

Every refusal is a `FileRefused` with a Swedish message that names the file.
"""

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

from samverka.lib.money import format_number

HEAD = 2048
TEXT_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class FileRefused(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def max_bytes() -> int:
    return settings.SAMVERKA_ATTACHMENT_MAX_BYTES


def megabytes(size: int) -> str:
    """ "20 MB", "25,3 MB": decimal megabytes, as the limit is set."""
    value = Decimal(size) / 1_000_000
    return f"{format_number(value, 0 if value == value.to_integral() else 1)}\u00a0MB"


def human_size(size: int) -> str:
    """A file's size as a list shows it: "812 byte", "245 kB", "1,2 MB"."""
    if size < 1000:
        return f"{format_number(size)}\u00a0byte"
    if size < 1_000_000:
        return f"{format_number(Decimal(size) / 1000)}\u00a0kB"
    return f"{format_number(Decimal(size) / 1_000_000, 1)}\u00a0MB"


# Sniffers: each reads the open file and answers the content type to store, or None.


def _head(f: UploadedFile) -> bytes:
    f.seek(0)
    head = f.read(HEAD)
    f.seek(0)
    return head


def _starts_with(*signatures: bytes) -> Callable[[UploadedFile], bool]:
    return lambda f: _head(f).startswith(signatures)


def _zip_names(f: UploadedFile) -> list[str] | None:
    if not _head(f).startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(f) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        f.seek(0)


def _ooxml(main_part: str) -> Callable[[UploadedFile], bool]:
    def sniff(f: UploadedFile) -> bool:
        names = _zip_names(f)
        return names is not None and "[Content_Types].xml" in names and main_part in names

    return sniff


def _odf(mimetype: bytes) -> Callable[[UploadedFile], bool]:
    def sniff(f: UploadedFile) -> bool:
        if _zip_names(f) is None:
            return False
        try:
            with zipfile.ZipFile(f) as archive, archive.open("mimetype") as member:
                return member.read(len(mimetype) + 1).strip() == mimetype
        except (KeyError, zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            f.seek(0)

    return sniff


def text_encoding(f: UploadedFile) -> str | None:
    """ "utf-8" or "windows-1252" when the file is plain text in one of them, else None."""
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        f.seek(0)
        try:
            for chunk in f.chunks():
                if TEXT_CONTROL.search(chunk):
                    return None
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            f.seek(0)
        return "utf-8" if encoding == "utf-8" else "windows-1252"
    return None


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    content_type: str
    sniff: Callable[[UploadedFile], bool]
    inline: bool  # shown in the browser rather than saved (PDF, images, text)


TYPES = (
    FileType("PDF", ("pdf",), "application/pdf", _starts_with(b"%PDF-"), True),
    FileType(
        "DOCX",
        ("docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ooxml("word/document.xml"),
        False,
    ),
    FileType(
        "XLSX",
        ("xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ooxml("xl/workbook.xml"),
        False,
    ),
    FileType(
        "ODT",
        ("odt",),
        "application/vnd.oasis.opendocument.text",
        _odf(b"application/vnd.oasis.opendocument.text"),
        False,
    ),
    FileType(
        "ODS",
        ("ods",),
        "application/vnd.oasis.opendocument.spreadsheet",
        _odf(b"application/vnd.oasis.opendocument.spreadsheet"),
        False,
    ),
    FileType("PNG", ("png",), "image/png", _starts_with(b"\x89PNG\r\n\x1a\n"), True),
    FileType("JPEG", ("jpg", "jpeg"), "image/jpeg", _starts_with(b"\xff\xd8\xff"), True),
    FileType("TXT", ("txt",), "text/plain", lambda f: text_encoding(f) is not None, True),
)
BY_EXTENSION = {extension: t for t in TYPES for extension in t.extensions}
INLINE_TYPES = {t.content_type for t in TYPES if t.inline}


def allowed_labels() -> str:
    labels = [t.label for t in TYPES]
    return _("%(list)s och %(last)s") % {"list": ", ".join(labels[:-1]), "last": labels[-1]}


def accept_attribute() -> str:
    """For <input type=file accept=…>: the browser's file picker offers these first."""
    return ",".join(f".{e}" for t in TYPES for e in t.extensions)


def clean_name(name: str) -> str:
    """The name as the user sees it: composed (macOS sends å as a + ring), without folders or
    control characters, at most 255 characters with the extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 254 - len(extension)]}.{extension}" if dot else name[:255]
    return name or "fil"


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


@dataclass(frozen=True)
class Checked:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def too_large_message(name: str, size: int | None = None) -> str:
    values = {"name": name, "limit": megabytes(max_bytes())}
    if size is None:
        text = _("”%(name)s” är större än %(limit)s; högst %(limit)s tas emot.")
    else:
        values["size"] = megabytes(size)
        text = _("”%(name)s” är %(size)s; högst %(limit)s tas emot.")
    advice = _("Dela upp filen, komprimera den eller be en administratör höja gränsen.")
    return f"{text % values} {advice}"


def check(upload: UploadedFile) -> Checked:
    """Refuse a file that is empty, too large, of a type not allowed, or whose content is not
    what its extension says; else its name, type, size and SHA-256."""
    name = clean_name(upload.name)
    if upload.size > max_bytes():
        raise FileRefused(too_large_message(name, upload.size))
    if not upload.size:
        raise FileRefused(_("”%(name)s” är tom.") % {"name": name})
    extension = extension_of(name)
    file_type = BY_EXTENSION.get(extension)
    if file_type is None:
        raise FileRefused(
            _("”%(name)s” tas inte emot: bara filer av typerna %(types)s kan laddas upp.")
            % {"name": name, "types": allowed_labels()}
        )
    if not file_type.sniff(upload):
        raise FileRefused(
            _(
                "”%(name)s” är ingen %(type)s-fil: innehållet stämmer inte med filändelsen "
                ".%(extension)s. Spara filen som %(type)s och ladda upp den igen."
            )
            % {"name": name, "type": file_type.label, "extension": extension}
        )
    content_type = file_type.content_type
    if file_type.content_type == "text/plain":
        content_type = f"text/plain; charset={text_encoding(upload)}"
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Checked(name, extension, content_type, upload.size, digest.hexdigest())


class SizeLimitHandler(FileUploadHandler):
    """Stops receiving a file once it passes the limit; the view then names it as too large.

    Installed in front of Django's handlers before the request's body is read (so the view is
    exempted from the CSRF middleware's early read and checks the token itself).
    """

    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = max_bytes() if limit is None else limit
        self.refused: list[str] = []

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.refused.append(clean_name(self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def content_disposition(name: str, inline: bool) -> str:
    """`inline|attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 and 5987): the
    original name with å, ä and ö for browsers, an ASCII one for old clients."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r'[\x00-\x1f\x7f"\\;]', "_", fallback).strip() or "fil"
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
