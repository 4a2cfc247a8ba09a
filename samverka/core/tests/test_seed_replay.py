"""The replayed seed leaves the database exactly as loading it does (core/seed_replay.py)."""

import pytest
from django.db import connection

from samverka.core import seed_replay, seeding
from samverka.core.testing import make_unit
from samverka.orgs.models import Federation, Unit

pytestmark = pytest.mark.django_db


def _contents() -> dict[str, list[tuple]]:
    contents = {}
    with connection.cursor() as cursor:
        for model in seed_replay._models():
            table = model._meta.db_table
            cols = ", ".join(
                connection.ops.quote_name(f.column) for f in model._meta.local_concrete_fields
            )
            cursor.execute(f"SELECT {cols} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


def _empty_every_table() -> None:
    with connection.cursor() as cursor:
        for model in seed_replay._models():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def test_a_replay_writes_exactly_the_rows_the_loader_writes():
    loaded_ctx = seeding.load_from_sources()
    loaded = _contents()
    recording = seed_replay.snapshot(loaded_ctx)
    _empty_every_table()
    assert seed_replay.database_is_empty()

    replayed_ctx = seed_replay.replay(recording)

    assert _contents() == loaded
    assert sum(len(rows) for rows in loaded.values()) > 500
    assert replayed_ctx.created == loaded_ctx.created
    assert replayed_ctx.findings == loaded_ctx.findings


def test_after_a_replay_new_objects_get_fresh_ids():
    seeding.load_from_sources()
    recording = seed_replay.snapshot(seeding.SeedContext())
    _empty_every_table()
    seed_replay.replay(recording)

    unit = make_unit(Federation.objects.get(), code="ny-enhet")

    assert unit.pk > max(Unit.objects.exclude(pk=unit.pk).values_list("pk", flat=True))


def test_a_second_load_runs_the_loader_and_changes_nothing():
    seeding.load_skaraborg()
    before = _contents()

    ctx = seeding.load_skaraborg()

    assert not ctx.created
    assert _contents() == before


def test_the_suite_replays_the_seed():
    # The root conftest installs the replay for the whole run.
    assert seeding._load is not seeding.load_from_sources


def test_a_replay_after_the_content_types_were_renumbered_points_to_the_right_ones():
    # A transactional test flushes the database; the content types come back with new ids.
    from django.contrib.contenttypes.models import ContentType

    from samverka.audit.models import LogEntry

    seeding.load_from_sources()
    expected = sorted(
        (e.content_type.app_label, e.content_type.model, e.object_id)
        for e in LogEntry.objects.select_related("content_type")
    )
    recording = seed_replay.snapshot(seeding.SeedContext())
    _empty_every_table()
    keys = list(ContentType.objects.values_list("app_label", "model"))
    old_ids = set(ContentType.objects.values_list("pk", flat=True))
    ContentType.objects.all().delete()
    ContentType.objects.bulk_create([ContentType(app_label=a, model=m) for a, m in keys])
    ContentType.objects.clear_cache()
    assert not old_ids & set(ContentType.objects.values_list("pk", flat=True))

    seed_replay.replay(recording)

    replayed = sorted(
        (e.content_type.app_label, e.content_type.model, e.object_id)
        for e in LogEntry.objects.select_related("content_type")
    )
    assert replayed == expected


def test_a_migrated_database_counts_as_empty_so_the_seed_is_replayed():
    """Rows a migration creates (the data version's) must not make every load a real one: the
    suite's time depends on the replay."""
    assert seed_replay.database_is_empty()
