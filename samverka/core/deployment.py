"""What an app server needs before it serves: the schema migrated, the cache table created, the
static files collected, the translations compiled – once per start, safely when several
instances start at the same time.

`samverka setup` runs `prepare()`; `samverka serve` runs it too before it starts gunicorn,
unless SAMVERKA_SETUP_ON_START=False, when it only checks with `problems()` and refuses to start
on what is missing (for installations that run `samverka setup` as a deploy step of its own).

Two instances starting at once against one PostgreSQL take turns: `prepare()` holds a
PostgreSQL advisory lock (session level, on Django's connection) around every step, so the
second waits until the first has migrated and then finds nothing to do. A file lock beside
STATIC_ROOT keeps two instances on one machine from writing the same static files at once
(and covers SQLite, which only one machine can share anyway).
"""

import contextlib
import fcntl
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from samverka.core.translations import compile_translations

logger = logging.getLogger(__name__)

# pg_advisory_lock's key: any 64-bit number no other program on the database uses. "SAMVSETU".
ADVISORY_LOCK_KEY = int.from_bytes(b"SAMVSETU", "big") - 2**63


def prepare(say: Callable[[str], None] = print) -> None:
    """Migrate, create the cache table, collect static files, compile translations."""
    with setup_lock(say):
        compile_translations()
        pending = unapplied_migrations()
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
            say(f"{len(pending)} migreringar körda.")
        else:
            say("Databasen har alla migreringar.")
        if cache_table():
            call_command("createcachetable", verbosity=0)
            say(f"Cachetabellerna {', '.join(cache_tables())} finns.")
        if settings.IS_PRODUCTION:
            collect_static(say)


def collect_static(say: Callable[[str], None] = print) -> None:
    """collectstatic, unless STATIC_ROOT already holds exactly these sources.

    Hashing and compressing every file (gzip and Brotli, 10 MB of API docs scripts among them)
    takes half a minute of CPU; a restart with unchanged code should not pay it again.
    """
    digest = static_sources_digest()
    stamp = _stamp_path()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == digest:
        say(f"Statiska filer redan insamlade i {settings.STATIC_ROOT}.")
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest)
    say(f"Statiska filer insamlade i {settings.STATIC_ROOT}.")


def static_sources_digest() -> str:
    """SHA-256 over every static source's name, size and modification time."""
    from django.contrib.staticfiles.finders import get_finders

    entries = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            prefix = getattr(storage, "prefix", None) or ""
            entries.append(f"{prefix}/{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


def _stamp_path() -> Path:
    static_root = Path(settings.STATIC_ROOT)
    return static_root.with_name(static_root.name + ".sources")


def problems() -> list[str]:
    """What keeps this installation from serving, as sentences saying what to run."""
    found = []
    pending = unapplied_migrations()
    if pending:
        shown = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        found.append(
            f"{len(pending)} migreringar är inte körda ({shown}): kör `samverka setup` "
            "(eller `samverka migrate`) först."
        )
    tables = connection.introspection.table_names()
    for table in cache_tables():
        if table not in tables:
            found.append(
                f"Cachetabellen {table} (SAMVERKA_CACHE_TABLE) saknas: kör `samverka setup` "
                "(eller `samverka createcachetable`) först."
            )
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if settings.IS_PRODUCTION and not manifest.exists():
        found.append(
            f"De statiska filerna är inte insamlade ({manifest} saknas): kör `samverka setup` "
            "(eller `samverka collectstatic`) först."
        )
    return found


def unapplied_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def cache_tables() -> list[str]:
    """Every cache table: the shared cache's and the kept pages' (core/pagecache.py)."""
    return [
        backend["LOCATION"]
        for backend in settings.CACHES.values()
        if backend.get("BACKEND") == "django.core.cache.backends.db.DatabaseCache"
    ]


def cache_table() -> str | None:
    backend = settings.CACHES.get("default", {})
    if backend.get("BACKEND") == "django.core.cache.backends.db.DatabaseCache":
        return backend["LOCATION"]
    return None


@contextlib.contextmanager
def setup_lock(say: Callable[[str], None] = print) -> Iterator[None]:
    with _file_lock(say), _advisory_lock(say):
        yield


@contextlib.contextmanager
def _advisory_lock(say: Callable[[str], None]) -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        if not cursor.fetchone()[0]:
            say("En annan instans förbereder databasen; väntar på den …")
            started = time.monotonic()
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            say(f"Väntade {time.monotonic() - started:.1f} s.")
    try:
        yield
    finally:
        # The lock belongs to the session: release it on the same connection that took it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])


@contextlib.contextmanager
def _file_lock(say: Callable[[str], None]) -> Iterator[None]:
    static_root = Path(settings.STATIC_ROOT)
    path = static_root.with_name(static_root.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a")  # noqa: SIM115 - held until the block ends
    except OSError as error:
        logger.info("No setup lock file at %s (%s); relying on the database lock", path, error)
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("En annan instans på den här datorn förbereder; väntar på den …")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
