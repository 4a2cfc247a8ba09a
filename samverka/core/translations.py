"""Compile the .po catalogues into .mo files, in pure Python (Babel), so that a fresh machine
without GNU gettext still gets the English interface. The .mo files are build output."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_translations(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each django.mo that is missing or older than its django.po; return those written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with open(mo_path, "wb") as mo_file:
            write_mo(mo_file, catalog)
        written.append(mo_path)
    return written
