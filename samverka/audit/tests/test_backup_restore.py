"""`samverka backup FILE` and `samverka restore FILE`: every row back, all or nothing."""

import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection

from samverka.accounts.models import Role
from samverka.audit import backup
from samverka.audit.models import LogEntry
from samverka.audit.recording import log
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.portfolio import testing as pt

pytestmark = pytest.mark.django_db(transaction=True)

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")


@pytest.fixture
def data():
    """The seed data, plus people, a role, a project manager (m2m) and a domain action."""
    load_skaraborg()
    manager = testing.make_user(Role.PROJECT_MANAGER, username="projektledaren")
    testing.make_user(Role.ADMIN, username="admin")
    project = pt.make_project(federation=PlanningPeriod.objects.first().federation)
    project.managers.add(manager)
    period = PlanningPeriod.objects.order_by("year").first()
    log(period, "orgs.period.adopted", {"decision": "DIR 2025-12-03 § 7", "revision": 0})
    return snapshot()


def snapshot() -> dict[str, list]:
    """Every backed-up row as data, with content types and users by natural key."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backup.backed_up_models()
    }


def _empty_database():
    call_command("flush", interactive=False, verbosity=0)
    assert backup.is_empty()


def test_a_portable_backup_restored_into_an_empty_database_has_every_row(data, tmp_path):
    before = backup.counts()
    assert before["audit.logentry"] > 100 and before["orgs.unit"] > 5
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    _empty_database()
    call_command("restore", tmp_path / "kopia.json", verbosity=0)
    assert backup.counts() == before
    assert snapshot() == data


def test_restored_audit_entries_still_point_at_their_objects(data, tmp_path):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    _empty_database()
    call_command("restore", tmp_path / "kopia.json", verbosity=0)
    entry = LogEntry.objects.get(action="orgs.period.adopted")
    assert entry.content_type.model_class() is PlanningPeriod
    assert PlanningPeriod.objects.get(pk=entry.object_id).year == int(entry.object_repr)
    unit = Unit.objects.order_by("pk").first()
    assert LogEntry.objects.filter(object_id=str(unit.pk), action="created").exists()


def test_new_rows_after_a_restore_get_fresh_ids(data, tmp_path):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    _empty_database()
    call_command("restore", tmp_path / "kopia.json", verbosity=0)
    highest = Unit.objects.order_by("-pk").first().pk
    assert testing.make_unit(Unit.objects.first().federation).pk > highest


@on_sqlite
def test_a_sqlite_copy_restored_into_an_empty_database_has_every_row(data, tmp_path):
    before = backup.counts()
    call_command("backup", tmp_path / "kopia #1.sqlite3", verbosity=0)
    assert (tmp_path / "kopia #1.sqlite3").read_bytes().startswith(backup.SQLITE_MAGIC)
    _empty_database()
    call_command("restore", tmp_path / "kopia #1.sqlite3", verbosity=0)
    assert backup.counts() == before
    assert snapshot() == data


def test_the_default_format_follows_the_database(data, tmp_path):
    call_command("backup", tmp_path / "kopia", verbosity=0)
    is_sqlite = (tmp_path / "kopia").read_bytes().startswith(backup.SQLITE_MAGIC)
    assert is_sqlite == (connection.vendor == "sqlite")


def test_a_restore_refuses_a_database_that_holds_data(data, tmp_path):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    testing.make_unit(Unit.objects.first().federation, code="ny-enhet")
    with pytest.raises(CommandError, match="Databasen innehåller redan uppgifter"):
        call_command("restore", tmp_path / "kopia.json", verbosity=0)
    assert Unit.objects.filter(code="ny-enhet").exists()


def test_force_replaces_everything_with_the_backup(data, tmp_path):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    testing.make_unit(Unit.objects.first().federation, code="ny-enhet")
    call_command("restore", tmp_path / "kopia.json", "--force", verbosity=0)
    assert not Unit.objects.filter(code="ny-enhet").exists()
    assert snapshot() == data


def test_a_backup_that_fails_half_way_changes_nothing(data, tmp_path):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    document = json.loads((tmp_path / "kopia.json").read_text(encoding="utf-8"))
    # The last object refers to a unit that does not exist: found only after most rows loaded.
    broken = next(o for o in document["objects"] if o["model"] == "budget.budgetline")
    document["objects"].remove(broken)
    broken["fields"]["unit"] = 999_999
    document["objects"].append(broken)
    (tmp_path / "trasig.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="trasig.json: återställningen avbröts"):
        call_command("restore", tmp_path / "trasig.json", "--force", verbosity=0)
    assert snapshot() == data


def test_a_backup_from_another_database_version_is_refused(data, tmp_path):
    call_command("backup", tmp_path / "kopia.json", "--format", "portable", verbosity=0)
    document = json.loads((tmp_path / "kopia.json").read_text(encoding="utf-8"))
    document["migrations"].append(["orgs", "9999_from_the_future"])
    (tmp_path / "framtid.json").write_text(json.dumps(document), encoding="utf-8")
    _empty_database()
    with pytest.raises(CommandError, match="orgs.9999_from_the_future"):
        call_command("restore", tmp_path / "framtid.json", verbosity=0)
    assert backup.is_empty()


def test_a_file_that_is_no_backup_is_refused_with_its_name(tmp_path):
    (tmp_path / "anteckningar.txt").write_text("inte en kopia", encoding="utf-8")
    with pytest.raises(CommandError, match="anteckningar.txt: ingen säkerhetskopia"):
        call_command("restore", tmp_path / "anteckningar.txt", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_the_data_a_new_version_so_no_page_kept_before_is_answered(tmp_path):
    from samverka.core import dataversion

    # SQLite's file copy passes no statement the data version could see; a portable restore
    # writes rows, which change it anyway.
    if connection.vendor != "sqlite":
        pytest.skip("the file copy is SQLite's")
    testing.make_federation()
    path = tmp_path / "kopia.sqlite3"
    backup.backup(path, format="sqlite")
    before = dataversion.token()
    backup.restore(path, force=True)
    assert dataversion.token() not in (None, before)
