"""Compile the .po catalogues into .mo files, in pure Python (Babel), so that a fresh machine
without GNU gettext still gets the English interface. The .mo files are build output.

`CoreConfig.ready()` calls `compile_translations()` on every start (the `samverka` command,
manage.py, a WSGI or ASGI server, the tests), so English never depends on `samverka demo` having
run. It is cheap: a catalogue is compiled only when its .mo is missing or older than the .po.

The .mo goes beside its .po. When the package directory is read-only (installed system-wide, a
read-only container image), it goes to `<DATA_DIR>/locale/` instead, which settings put first in
LOCALE_PATHS; when that fails too, a warning is logged and the interface stays Swedish.
"""

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
# Languages with a catalogue; Swedish is the source language and needs none.
TRANSLATED_LANGUAGES = ("en",)


def fallback_locale_dir() -> Path:
    """Where catalogues are compiled when the package directory cannot be written."""
    from django.conf import settings

    return Path(settings.DATA_DIR) / "locale"


def compile_translations(
    locale_dir: Path = LOCALE_DIR, fallback_dir: Path | None = None
) -> list[Path]:
    """Compile each django.po whose .mo is missing or stale; return the .mo files written."""
    if fallback_dir is None:
        fallback_dir = fallback_locale_dir()
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        spare_path = fallback_dir / po_path.relative_to(locale_dir).with_suffix(".mo")
        if _is_current(mo_path, po_path):
            # A spare copy from a read-only time would shadow the fresher .mo beside the .po.
            _remove_quietly(spare_path)
            continue
        if _is_current(spare_path, po_path):
            continue
        try:
            catalog = _read(po_path)
        except Exception:
            logger.warning("Could not read %s; it stays as it was", po_path, exc_info=True)
            continue
        for target in (mo_path, spare_path):
            try:
                _write_atomically(target, catalog)
            except OSError as error:
                logger.info("Cannot write %s (%s)", target, error)
                continue
            if target == mo_path:
                _remove_quietly(spare_path)
            written.append(target)
            break
        else:
            logger.warning(
                "Could not compile %s into %s or %s; the interface shows Swedish for it",
                po_path,
                mo_path.parent,
                spare_path.parent,
            )
    return written


def _is_current(mo_path: Path, po_path: Path) -> bool:
    return mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime


def _read(po_path: Path):
    with open(po_path, "rb") as po_file:
        return read_po(po_file, locale=po_path.parent.parent.name)


def _write_atomically(mo_path: Path, catalog) -> None:
    # Several processes may start at once (server workers, test workers); each writes its own
    # temporary file and renames it, so no process ever reads a half-written catalogue.
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(descriptor, "wb") as mo_file:
            write_mo(mo_file, catalog)
        # mkstemp makes the file private; the server may run as another user than `migrate`.
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo_path)
    except BaseException:
        _remove_quietly(Path(temporary))
        raise


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class MissingTranslation:
    language: str
    msgid: str
    reason: str  # "untranslated", "fuzzy" or a placeholder mismatch found by Babel
    locations: tuple[str, ...]

    def __str__(self) -> str:
        where = ", ".join(self.locations) or "?"
        return f"[{self.language}] {self.msgid!r} ({self.reason}; {where})"


def update_catalogues(package_dir: Path = PACKAGE_DIR) -> list[MissingTranslation]:
    """Extract every marked string under package_dir into its locale/*/django.po (GNU gettext's
    xgettext and msgmerge, through makemessages) and return the entries still to translate.

    Locations are written without line numbers so that parallel branches do not conflict on
    every edit; strings no longer in the code are dropped.
    """
    from django.core.management import call_command
    from django.test.utils import override_settings

    with contextlib.chdir(package_dir), override_settings(LOCALE_PATHS=[package_dir / "locale"]):
        call_command(
            "makemessages",
            locale=list(TRANSLATED_LANGUAGES),
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
    return missing_translations(package_dir / "locale")


def missing_translations(locale_dir: Path = LOCALE_DIR) -> list[MissingTranslation]:
    """Entries of the catalogues under locale_dir that would show Swedish to an English reader."""
    missing = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        language = po_path.parent.parent.name
        catalog = _read(po_path)
        for message in catalog:
            if not message.id:
                continue  # the header
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            where = tuple(sorted({path for path, _line in message.locations}))
            if message.fuzzy:
                missing.append(MissingTranslation(language, msgid, "fuzzy", where))
            elif not all(strings):
                missing.append(MissingTranslation(language, msgid, "untranslated", where))
        for message, errors in catalog.check():
            if message.fuzzy:
                continue  # already listed; its placeholders are a guess anyway
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            where = tuple(sorted({path for path, _line in message.locations}))
            for error in errors:
                missing.append(MissingTranslation(language, msgid, str(error), where))
    return missing
