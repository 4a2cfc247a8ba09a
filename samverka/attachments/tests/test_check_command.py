"""`samverka check-attachments`: rows without files, files without rows, after a restore."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from samverka.attachments import testing
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db


def test_all_files_present_is_said_in_one_line(media, capsys):
    testing.make_attachment(make_project())
    call_command("check_attachments", "--sha256")
    assert "1 bilagor har sina filer." in capsys.readouterr().out


def test_a_missing_or_changed_file_fails_the_command_naming_it(media, capsys):
    project = make_project(name="Val för livet")
    gone = testing.make_attachment(project, "Ansökan.pdf")
    changed = testing.make_attachment(project, "Beslut.pdf")
    media.delete(gone.file.name)
    media.delete(changed.file.name)
    media.save(changed.file.name, ContentFile(testing.PDF.replace(b"Catalog", b"Katalog")))
    with pytest.raises(CommandError, match="1 av 2 bilagor saknar fil och 1 avviker"):
        call_command("check_attachments", "--sha256")
    err = capsys.readouterr().err
    assert f"Saknas: Ansökan.pdf ({gone.file.name}), Val för livet" in err
    assert "Avviker från uppladdningen: Beslut.pdf" in err


def test_an_old_file_without_a_row_is_listed_and_deleted_on_request(media, capsys):
    testing.make_attachment(make_project())
    orphan = media.save("attachments/2026/0123456789abcdef.pdf", ContentFile(testing.PDF))
    fresh = media.save("attachments/2026/fedcba9876543210.pdf", ContentFile(testing.PDF))
    an_hour_ago = (datetime.datetime.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(media.path(orphan), (an_hour_ago, an_hour_ago))  # test set-up only
    call_command("check_attachments", "--delete-orphans")
    out = capsys.readouterr().out
    assert f"Ingen bilaga hänvisar till: {orphan}" in out
    assert "1 filer utan bilaga togs bort." in out
    assert not media.exists(orphan)
    assert media.exists(fresh), "it may belong to an upload still under way"
