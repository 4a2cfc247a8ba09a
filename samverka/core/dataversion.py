"""A token that changes after every committed write to Samverka's data, in every process.

Pages that are expensive to render are kept until the data they were rendered from changes
(core/pagecache.py). Rather than each write path saying what it changed (and one forgotten
`QuerySet.update` serving a stale budget), every database connection gets an execute wrapper
that sees each statement: any statement that is not a read, to any table but the few below
that no page shows, marks the transaction, and when it commits the one row of
`core_dataversion` gets a new random token. Outside a transaction (autocommit) the token
changes right after the statement. Writes from the web, the API, the admin, the loaders, the
importers and the background worker all pass here, whichever process makes them.

A reader takes the token *before* it reads the data, so a page kept under a token holds at
least the data committed when that token was set; a later write sets a new token, which has
never been used, so no page kept earlier is found under it. Writes made outside Samverka
(psql by hand) are not seen: run `samverka touch-data` after them.
"""

import logging
import re
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, IntegrityError, connections
from django.db.backends.signals import connection_created
from django.utils import timezone

logger = logging.getLogger(__name__)

TABLE = "core_dataversion"
# Tables no page shows: writing to them (every login, every minute of a session, the cache
# itself) must not make every page render again.
NOT_DATA = frozenset(
    {
        TABLE,
        "django_session",
        "axes_accessattempt",
        "axes_accessfailurelog",
        "axes_accesslog",
    }
)
# Statements that do not change data. Anything else counts as a write, which at worst renders
# a page once more than needed.
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET ", "SHOW ")
READS += ("PRAGMA", "EXPLAIN")
TARGET = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)"?',
    re.IGNORECASE,
)


_not_data_for: tuple[int, frozenset[str]] = (0, NOT_DATA)


def _not_data() -> frozenset[str]:
    """NOT_DATA and the cache tables, computed again only when the CACHES setting changes."""
    global _not_data_for
    caches = settings.CACHES
    if _not_data_for[0] != id(caches):
        tables = {c["LOCATION"] for c in caches.values() if c["BACKEND"].endswith("DatabaseCache")}
        _not_data_for = (id(caches), NOT_DATA | tables)
    return _not_data_for[1]


def writes_data(sql: str) -> bool:
    """Whether a statement may change what a page shows."""
    head = sql[:200].lstrip()[:12].upper()  # raw SQL often starts with a newline and indent
    if head.startswith(READS):
        return False
    target = TARGET.match(sql)
    return target is None or target.group(1).lower() not in _not_data()


def token(using: str = "default") -> str | None:
    """The current token, or None when there is none (before the first migration, or right
    after a test database is flushed): then nothing may be kept."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def touch(using: str = "default", connection=None) -> None:
    """Give the data a new token: pages kept so far are no longer found."""
    connection = connection or connections[using]
    new, now = secrets.token_hex(16), timezone.now()
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                f"UPDATE {TABLE} SET token = %s, changed_at = %s WHERE id = 1",  # noqa: S608
                [new, now],
            )
            if cursor.rowcount == 0:
                cursor.execute(
                    f"INSERT INTO {TABLE} (id, token, changed_at) VALUES (1, %s, %s)",  # noqa: S608
                    [new, now],
                )
        except IntegrityError:
            pass  # another process inserted the row at the same moment: its token is new too
        except DatabaseError:
            if connection.in_atomic_block:
                raise
            # Before core's first migration (`migrate` writing data) the table does not exist.
            if TABLE in connection.introspection.table_names():
                # The write is committed; say so loudly rather than fail the request after it.
                # This process at least keeps nothing from before it.
                logger.exception("The data version could not be changed after a write.")
                caches["pages"].clear()


def _registered(connection) -> bool:
    """Whether this transaction already has its bump waiting: where it was put in the
    connection's on-commit list, it still is (a rollback empties the list, a rolled-back
    savepoint takes its own entries out). Checked at that place rather than by scanning the
    list, which a long transaction (a seed load, an import) may fill with many entries."""
    registered = getattr(connection, "_samverka_bump", None)
    if registered is None:
        return False
    at, bump = registered
    waiting = connection.run_on_commit
    return at < len(waiting) and waiting[at][1] is bump


def _register(connection) -> None:
    def bump() -> None:
        touch(connection=connection)

    connection._samverka_bump = (len(connection.run_on_commit), bump)
    connection.on_commit(bump)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if writes_data(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            touch(connection=connection)  # autocommit: the statement is committed already
        elif not _registered(connection):
            _register(connection)
    return result


def watch(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install() -> None:
    connection_created.connect(watch, dispatch_uid="samverka.core.dataversion")
    for connection in connections.all(initialized_only=True):
        watch(None, connection)
