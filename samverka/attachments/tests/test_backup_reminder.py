"""The database backup does not hold the files; the commands say so and where they are."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_backup_says_the_file_storage_is_backed_up_separately(tmp_path, media, capsys):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable")
    out = capsys.readouterr().out
    assert "ingår inte i säkerhetskopian: säkerhetskopiera lagringen vid samma tidpunkt" in out
    assert str(media.location) in out
