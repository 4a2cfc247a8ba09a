import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from samverka.core import testing
from samverka.core import translations as catalogues
from samverka.core.seeding import load_skaraborg

PACKAGE_DIR = Path(catalogues.__file__).resolve().parent.parent

PO_HEADER = """msgid ""
msgstr ""
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def _copy_of_the_package(target: Path) -> Path:
    """The package's translatable sources and catalogues, so extraction leaves the real ones."""
    copy = target / "samverka"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "static", "seed", "*.mo", "*.mo.tmp"),
    )
    return copy


def _catalogue(locale_dir: Path, body: str) -> Path:
    po_path = locale_dir / "en" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(PO_HEADER + body, encoding="utf-8")
    return po_path


@pytest.fixture
def read_only(monkeypatch):
    """Make directories unwritable. Root ignores permission bits, so for root the creation of
    files in them fails the way it does on a read-only file system."""
    made = []
    real_mkstemp = tempfile.mkstemp

    def refusing_mkstemp(*args, dir=None, **kwargs):  # noqa: A002 - mkstemp's own name
        if dir is not None and any(Path(dir).is_relative_to(d) for d in made):
            raise OSError(30, "Read-only file system", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    def make(directory: Path) -> None:
        made.append(directory)
        for path in [directory, *directory.rglob("*")]:
            if path.is_dir():
                path.chmod(0o555)

    monkeypatch.setattr(catalogues.tempfile, "mkstemp", refusing_mkstemp)
    yield make
    for directory in made:
        for path in [directory, *directory.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


def _needs_gnu_gettext() -> None:
    assert shutil.which("xgettext") and shutil.which("msgmerge"), (
        "Extracting strings needs GNU gettext: apt-get install gettext"
    )


def test_every_string_marked_for_translation_has_an_english_translation(tmp_path):
    # A fresh extraction from the code, merged into a copy of the committed catalogue: a new
    # string, an empty or fuzzy translation or a broken placeholder shows up here.
    _needs_gnu_gettext()
    missing = catalogues.update_catalogues(_copy_of_the_package(tmp_path))
    assert not missing, (
        f"{len(missing)} strings lack an English translation; run `samverka "
        "update-translations` and translate them in samverka/locale/en/LC_MESSAGES/django.po:\n"
        + "\n".join(map(str, missing))
    )


def test_a_newly_marked_string_is_reported_until_it_is_translated(tmp_path):
    _needs_gnu_gettext()
    package = _copy_of_the_package(tmp_path)
    template = package / "core" / "templates" / "core" / "_new_for_test.html"
    template.write_text('{% load i18n %}{% translate "Ett alldeles nytt ord" %}\n')
    missing = catalogues.update_catalogues(package)
    assert [(m.msgid, m.reason) for m in missing] == [("Ett alldeles nytt ord", "untranslated")]
    assert missing[0].locations == ("core/templates/core/_new_for_test.html",)
    po_path = package / "locale" / "en" / "LC_MESSAGES" / "django.po"
    untranslated = 'msgid "Ett alldeles nytt ord"\nmsgstr ""'
    translated = 'msgid "Ett alldeles nytt ord"\nmsgstr "A word"'
    po_text = po_path.read_text(encoding="utf-8")
    po_path.write_text(po_text.replace(untranslated, translated), encoding="utf-8")
    assert catalogues.update_catalogues(package) == []


def test_a_fuzzy_guess_or_a_placeholder_the_code_does_not_pass_counts_as_missing(tmp_path):
    # A msgstr naming a placeholder the msgid lacks would raise KeyError when the page renders.
    _catalogue(
        tmp_path,
        '\n#, fuzzy\nmsgid "rader"\nmsgstr "changed"\n'
        '\n#, python-format\nmsgid "Rapporten för %(a)s sparades."\n'
        'msgstr "The report for %(name)s was saved."\n'
        '\nmsgid "Spara"\nmsgstr "Save"\n',
    )
    reasons = {m.msgid: m.reason for m in catalogues.missing_translations(tmp_path)}
    assert reasons.keys() == {"rader", "Rapporten för %(a)s sparades."}
    assert reasons["rader"] == "fuzzy"
    assert "name" in reasons["Rapporten för %(a)s sparades."]


def test_the_catalogue_is_compiled_beside_its_source_and_only_when_it_changed(tmp_path):
    po_path = _catalogue(tmp_path / "locale", '\nmsgid "Spara"\nmsgstr "Save"\n')
    spare = tmp_path / "data" / "locale"
    assert catalogues.compile_translations(tmp_path / "locale", spare) == [
        po_path.with_suffix(".mo")
    ]
    assert catalogues.compile_translations(tmp_path / "locale", spare) == []
    os.utime(po_path, (po_path.stat().st_mtime + 10,) * 2)
    assert catalogues.compile_translations(tmp_path / "locale", spare) == [
        po_path.with_suffix(".mo")
    ]
    assert not spare.exists()


def test_a_read_only_package_gets_its_english_from_the_data_directory(tmp_path, read_only):
    source = tmp_path / "package" / "locale"
    _catalogue(source, '\nmsgid "Spara"\nmsgstr "Save (compiled into the data directory)"\n')
    spare = tmp_path / "data" / "locale"
    read_only(source)
    written = catalogues.compile_translations(source, spare)
    assert written == [spare / "en" / "LC_MESSAGES" / "django.mo"]
    assert not (source / "en" / "LC_MESSAGES" / "django.mo").exists()
    with override_settings(LOCALE_PATHS=[spare, source]), translation.override("en"):
        assert translation.gettext("Spara") == "Save (compiled into the data directory)"


def test_the_settings_look_for_the_data_directory_copy_first():
    expected = [catalogues.fallback_locale_dir(), catalogues.LOCALE_DIR]
    assert expected == settings.LOCALE_PATHS


def test_a_spare_copy_is_dropped_once_the_package_can_be_written_again(tmp_path):
    source = tmp_path / "locale"
    po_path = _catalogue(source, '\nmsgid "Spara"\nmsgstr "Save"\n')
    spare_mo = tmp_path / "data" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    spare_mo.parent.mkdir(parents=True)
    spare_mo.write_bytes(b"stale")
    os.utime(spare_mo, (po_path.stat().st_mtime - 10,) * 2)
    catalogues.compile_translations(source, tmp_path / "data" / "locale")
    assert po_path.with_suffix(".mo").exists()
    assert not spare_mo.exists()


def test_when_nothing_can_be_written_a_warning_is_logged_and_the_start_goes_on(
    tmp_path, read_only, caplog
):
    source = tmp_path / "package" / "locale"
    _catalogue(source, '\nmsgid "Spara"\nmsgstr "Save"\n')
    spare = tmp_path / "data"
    spare.mkdir()
    read_only(source)
    read_only(spare)
    with caplog.at_level(logging.WARNING, logger="samverka.core.translations"):
        assert catalogues.compile_translations(source, spare / "locale") == []
    assert "the interface shows Swedish" in caplog.text


def test_every_start_compiles_the_catalogues(monkeypatch):
    calls = []
    monkeypatch.setattr(catalogues, "compile_translations", lambda: calls.append(True) or [])
    apps.get_app_config("core").ready()
    assert calls == [True]


@pytest.mark.django_db
def test_a_page_of_every_app_is_in_english_when_english_is_chosen(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = {
        reverse("budget:period", args=[2026]): ["Operating budget 2026", "TOTAL REVENUE"],
        reverse("goals:index"): ["Goals and indicators", "How the status is assessed"],
        reverse("plan:index"): ["Plan and follow-up", "Priority areas"],
        reverse("portfolio:index"): ["Project portfolio", "Timeline"],
        reverse("ledger:index"): ["Actuals", "Planning periods and loaded actuals"],
        reverse("decisions:index"): ["Register of decisions", "Search decisions"],
    }
    swedish = ["Driftbudget", "Så bedöms status", "Prioriterade områden", "Tidslinje"]
    swedish += ["Planeringsperioder och inläst utfall", "Sök beslut", "Hoppa till innehållet"]
    for url, english in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert '<html lang="en">' in page, url
        assert all(text in page for text in english), (url, english)
        assert not [text for text in swedish if text in page], url
        assert "Decisions" in page and "Skip to content" in page, url
