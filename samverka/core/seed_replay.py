"""Replay the seed into an empty test database instead of loading it again.

Loading the seed reads its YAML, validates and saves every object and writes its audit entries:
about a second of CPU, and the suite loads it some four hundred times. Into an empty database
the loader always writes the same rows, so the first load in a test process is recorded as the
rows of every table and later loads into an empty database insert those rows again (COPY on
PostgreSQL, executemany on SQLite), in the test's transaction like the loader itself.

Anything else runs the real loader: a database that holds rows already (a second load, a
user's edit before the load), another seed folder. `test_seed_replay.py` checks that a replay
leaves the database exactly as the loader does. Test support only: the root conftest installs it.
"""

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from samverka.core import dataversion, seeding

# Filled by migrations, identical in every test database of a run, and never written by the seed.
# The data version (core/dataversion.py) is created by its migration, so it is never empty; it
# is given a new token after a replay instead of being replayed.
UNTOUCHED = {"django_migrations", "django_content_type", "auth_permission", "core_dataversion"}


@dataclass
class Recording:
    ctx: seeding.SeedContext
    tables: list[tuple[str, list[str], object]]  # table, columns, rows (SQLite) or COPY text
    # Content types by id when recorded. A transactional test flushes the database and the
    # content types come back with new ids, so a replay maps the recorded ids to today's.
    content_types: dict[int, tuple[str, str]]


def _models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.db_table not in UNTOUCHED
    ]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def database_is_empty() -> bool:
    tables = [m._meta.db_table for m in _models()]
    probes = ", ".join(f"(SELECT 1 FROM {_quote(t)} LIMIT 1)" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {probes}")
        return all(value is None for value in cursor.fetchone())


def snapshot(ctx: seeding.SeedContext) -> Recording:
    tables = []
    with connection.cursor() as cursor:
        for model in _models():
            table = model._meta.db_table
            columns = [f.column for f in model._meta.local_concrete_fields]
            if connection.vendor == "postgresql":
                buffer = io.BytesIO()
                cols = ", ".join(_quote(c) for c in columns)
                with cursor.cursor.copy(f"COPY {_quote(table)} ({cols}) TO STDOUT") as copy_out:
                    for block in copy_out:
                        buffer.write(block)
                if buffer.getvalue():
                    tables.append((table, columns, buffer.getvalue()))
            else:
                cols = ", ".join(_quote(c) for c in columns)
                cursor.execute(f"SELECT {cols} FROM {_quote(table)}")  # noqa: S608
                rows = cursor.fetchall()
                if rows:
                    tables.append((table, columns, rows))
    content_types = {
        pk: (app_label, model)
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    return Recording(ctx=copy.deepcopy(ctx), tables=tables, content_types=content_types)


def _content_type_columns() -> list[tuple[str, str]]:
    """(table, column) of every foreign key to a content type."""
    return [
        (model._meta.db_table, field.column)
        for model in _models()
        for field in model._meta.local_concrete_fields
        if field.is_relation and field.related_model is ContentType
    ]


def _map_content_types(recording: Recording, written: set[str], cursor) -> None:
    today = {
        (app_label, model): pk
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    moved = {}
    for old, natural_key in recording.content_types.items():
        new = today.get(natural_key)
        if new is None:
            new = ContentType.objects.create(app_label=natural_key[0], model=natural_key[1]).pk
        if new != old:
            moved[old] = new
    if not moved:
        return
    cases = " ".join(f"WHEN {int(old)} THEN {int(new)}" for old, new in moved.items())
    olds = ", ".join(str(int(old)) for old in moved)
    for table, column in _content_type_columns():
        if table in written:
            col = _quote(column)
            cursor.execute(
                f"UPDATE {_quote(table)} SET {col} = CASE {col} {cases} END "  # noqa: S608
                f"WHERE {col} IN ({olds})"
            )


def replay(recording: Recording) -> seeding.SeedContext:
    written = []
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, rows in recording.tables:
            cols = ", ".join(_quote(c) for c in columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {_quote(table)} ({cols}) FROM STDIN") as copy_in:
                    copy_in.write(rows)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {_quote(table)} ({cols}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
            written.append(table)
        # Foreign keys are checked at commit, after the content types are mapped.
        _map_content_types(recording, set(written), cursor)
        if connection.vendor == "postgresql":
            # The rows carry their ids: the sequences must continue after them.
            by_table = {m._meta.db_table: m for m in _models()}
            models = [by_table[t] for t in written if t in by_table]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        dataversion.touch()  # COPY passes no statement the version sees
    return copy.deepcopy(recording.ctx)


def replaying(load: Callable[[Path], seeding.SeedContext]) -> Callable[[Path], seeding.SeedContext]:
    """`load`, recorded on its first run into an empty database and replayed after that."""
    recordings: dict[str, Recording] = {}

    def load_or_replay(seed_dir: Path = seeding.SEED_DIR) -> seeding.SeedContext:
        if seed_dir != seeding.SEED_DIR or not database_is_empty():
            return load(seed_dir)
        recording = recordings.get(connection.vendor)
        if recording is not None:
            return replay(recording)
        ctx = load(seed_dir)
        recordings[connection.vendor] = snapshot(ctx)
        return ctx

    return load_or_replay
