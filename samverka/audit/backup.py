"""Back up the whole database to one file and restore it, all or nothing.

Two formats:

- **sqlite**: on SQLite, a copy of the database file made with SQLite's online backup API
  (`sqlite3.Connection.backup`), consistent even while the app is running. Restoring copies it
  back the same way, in one step: the target holds either its old pages or all of the backup's.
- **portable**: on PostgreSQL (and on request on SQLite), a JSON document with the applied
  migrations and every row of every model – the audit log included – serialised by Django with
  natural keys for content types and permissions, so that it loads into any database migrated
  to the same state. Restoring loads it inside one transaction: an error rolls everything back.

PostgreSQL uses the portable format rather than pg_dump/pg_restore: those must match the
server's major version, need the password in the environment, and cannot restore into the
database the test suite runs in; the portable file is read by the same code that wrote it.

A restore refuses a database that already holds data unless forced, and refuses a backup whose
migrations differ from this installation's (run `samverka migrate` on the matching version).
"""

import datetime
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "samverka-backup"
VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"

# Rebuilt by `migrate` in every database; rows elsewhere refer to them by natural key. The data
# version (core/dataversion.py) is created by its migration and changes with the restore itself.
NOT_BACKED_UP = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "core.dataversion",
}


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds (it cuts them to milliseconds,
    so a restored audit entry would differ from the original)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """Why a backup or restore was refused, in Swedish. Nothing was changed."""


@dataclass(frozen=True)
class Result:
    format: str
    counts: dict[str, int]  # model label -> rows


def backed_up_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in NOT_BACKED_UP and m._meta.managed and not m._meta.proxy
    ]


def counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per backed-up model, e.g. {"orgs.unit": 12, "audit.logentry": 340}."""
    return {m._meta.label_lower: m._base_manager.using(using).count() for m in backed_up_models()}


def is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    return not any(m._base_manager.using(using).exists() for m in backed_up_models())


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _replace_atomically(path: Path, write) -> None:
    """Write through a temporary file beside `path`, so a failed backup leaves no half file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Backup -------------------------------------------------------------------------------------


def backup(path: Path, format: str | None = None, using: str = DEFAULT_DB_ALIAS) -> Result:
    connection = connections[using]
    is_sqlite = connection.vendor == "sqlite"
    format = format or ("sqlite" if is_sqlite else "portable")
    if format == "sqlite" and not is_sqlite:
        raise BackupError("Formatet sqlite finns bara när databasen är SQLite; välj portable.")
    if format == "sqlite":
        _replace_atomically(path, lambda tmp: _sqlite_backup(connection, tmp))
    elif format == "portable":
        _replace_atomically(path, lambda tmp: _portable_backup(using, tmp))
    else:
        raise BackupError(f"Okänt format ”{format}”: välj sqlite eller portable.")
    return Result(format, counts(using))


def _sqlite_backup(connection, target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _objects(using: str) -> Iterator[models.Model]:
    wanted = set(backed_up_models())
    app_list = {}
    for model in wanted:
        app_list.setdefault(model._meta.app_config, []).append(model)
    # Models referred to by natural key (users) come before those that refer to them.
    for model in serializers.sort_dependencies(app_list.items(), allow_cycles=True):
        if model in wanted:
            yield from model._base_manager.using(using).order_by(model._meta.pk.name).iterator()


def _portable_backup(using: str, target: Path) -> None:
    with transaction.atomic(using=using):  # one consistent snapshot on PostgreSQL
        document = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "vendor": connections[using].vendor,
            "migrations": _applied_migrations(using),
            "objects": serializers.serialize(
                "python", _objects(using), use_natural_foreign_keys=True
            ),
        }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(document, f, cls=_Encoder, ensure_ascii=False)


# Restore ------------------------------------------------------------------------------------


def restore(path: Path, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> Result:
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"{path.name}: filen kan inte läsas ({exc.strerror or exc}).") from exc
    if not force and not is_empty(using):
        raise BackupError(
            "Databasen innehåller redan uppgifter. Återställ till en tom databas, eller ange "
            "--force för att ersätta allt som finns i den med säkerhetskopian."
        )
    if head == SQLITE_MAGIC:
        _sqlite_restore(path, using)
        format = "sqlite"
    else:
        _portable_restore(path, using)
        format = "portable"
    # The file copy passes no statement the data version sees: no app server may answer a page
    # it kept from before the restore (core/pagecache.py).
    from samverka.core import dataversion

    dataversion.touch(using)
    return Result(format, counts(using))


def _check_migrations(name: str, theirs: list[list[str]], using: str) -> None:
    ours = _applied_migrations(using)
    if sorted(map(list, theirs)) != ours:
        missing = sorted({tuple(m) for m in theirs} - {tuple(m) for m in ours})
        extra = sorted({tuple(m) for m in ours} - {tuple(m) for m in theirs})
        detail = "; ".join(
            part
            for part in (
                f"saknas här: {', '.join('.'.join(m) for m in missing[:5])}" if missing else "",
                f"saknas i kopian: {', '.join('.'.join(m) for m in extra[:5])}" if extra else "",
            )
            if part
        )
        raise BackupError(
            f"{name}: säkerhetskopian är gjord med en annan databasversion ({detail}). "
            "Återställ den med samma version av Samverka och kör sedan samverka migrate."
        )


def _sqlite_restore(path: Path, using: str) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        raise BackupError(
            f"{path.name} är en SQLite-kopia och kan bara återställas till SQLite. "
            "Gör en kopia med --format portable för att flytta till PostgreSQL."
        )
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            rows = source.execute("SELECT app, name FROM django_migrations").fetchall()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path.name}: ingen Samverka-databas ({exc}).") from exc
        known = {(m.app_label, m.name) for m in _migrations_on_disk()}
        unknown = sorted(set(rows) - known)
        if unknown:
            raise BackupError(
                f"{path.name}: säkerhetskopian har migreringar som den här versionen saknar "
                f"({', '.join('.'.join(m) for m in unknown[:5])}). Uppdatera Samverka först."
            )
        if connection.in_atomic_block:
            raise BackupError("En SQLite-kopia kan inte återställas inne i en transaktion.")
        connection.ensure_connection()
        # One step (pages=-1): the target gets every page of the copy or keeps its own.
        source.backup(connection.connection)
    finally:
        source.close()


def _migrations_on_disk():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, ignore_no_migrations=True).disk_migrations.values()


def _portable_restore(path: Path, using: str) -> None:
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path.name}: ingen säkerhetskopia som kan läsas ({exc}).") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path.name}: ingen säkerhetskopia från Samverka.")
    if document.get("version") != VERSION:
        raise BackupError(f"{path.name}: okänd version {document.get('version')} av formatet.")
    _check_migrations(path.name, document.get("migrations", []), using)
    connection = connections[using]
    loaded: set[type[models.Model]] = set()
    try:
        with transaction.atomic(using=using):
            _empty(using)
            deferred = []
            for deserialized in serializers.deserialize(
                "python", document["objects"], using=using, handle_forward_references=True
            ):
                deserialized.save(using=using)
                loaded.add(type(deserialized.object))
                if deserialized.deferred_fields:
                    deferred.append(deserialized)
            for deserialized in deferred:
                deserialized.save_deferred_fields(using=using)
            statements = connection.ops.sequence_reset_sql(no_style(), list(loaded))
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
            connection.check_constraints()
    except BackupError:
        raise
    except Exception as exc:  # any failure: the transaction above rolled everything back
        raise BackupError(
            f"{path.name}: återställningen avbröts och ingenting ändrades ({exc})."
        ) from exc


def _empty(using: str) -> None:
    """Remove every backed-up row (inside the caller's transaction)."""
    connection = connections[using]
    tables = set()
    for model in backed_up_models():
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.add(field.remote_field.through._meta.db_table)
    existing = set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables & existing), reset_sequences=False, allow_cascade=False
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
