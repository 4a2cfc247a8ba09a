"""The one import pipeline: read → resolve → full_clean → save in one transaction.

Every import (budget XLSX, survey CSV/XLSX, SIE) is a thin user of this module:

    problems: list[ImportProblem] = []
    ...read rows (limits.rows), resolve codes, build unsaved instances...
    problems += clean(instance, sheet=..., row=n, columns={"label": "D"})
    refuse_if(problems)                      # nothing written yet
    with transaction.atomic():
        ...save...
        record(target, "imports.budget_xlsx", file=..., counts=...)

A refused import raises :class:`ImportRefused` with every problem, each placed on its file,
sheet, row, column or line; nothing is half-saved because nothing is written before the
last check, and the writing happens in one transaction. The one audit entry written by
:func:`record` is the record of the bulk writes inside the import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from samverka.audit.models import LogEntry
from samverka.audit.recording import log

MAX_PROBLEMS = 200  # a file with 10 000 bad rows is refused with the first 200


@dataclass(frozen=True)
class ImportProblem:
    """What is wrong and where: any of sheet, row, column, line and field may be empty."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    line: int | None = None
    field: str = ""
    file: str = ""

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(_("blad ”%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("rad %(row)s") % {"row": self.row})
        if self.line is not None:
            parts.append(_("rad %(line)s") % {"line": self.line})
        if self.column:
            parts.append(_("kolumn %(column)s") % {"column": self.column})
        if self.field:
            parts.append(_("fält %(field)s") % {"field": self.field})
        text = ", ".join(parts)
        # A sentence starts with a capital, a file name stays as it is written.
        return text if self.file else text[:1].upper() + text[1:]

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class ImportRefused(Exception):
    """The import was refused as a whole; `problems` say what and where. Nothing was saved."""

    def __init__(self, problems: ImportProblem | str | Iterable[ImportProblem]) -> None:
        if isinstance(problems, str):
            problems = [ImportProblem(problems)]
        elif isinstance(problems, ImportProblem):
            problems = [problems]
        self.problems: list[ImportProblem] = list(problems)
        super().__init__("\n".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def refuse_if(problems: list[ImportProblem]) -> None:
    if problems:
        raise ImportRefused(problems[:MAX_PROBLEMS])


def clean(
    instance: models.Model,
    *,
    columns: dict[str, str] | None = None,
    exclude: Iterable[str] = (),
    **where: Any,
) -> list[ImportProblem]:
    """`instance.full_clean()` with each message placed: `columns` maps a model field to the
    column (or SIE field) it came from; `where` gives sheet, row, line and file.

    The checks the database would make (length, choices, decimals, constraints) are made
    here, so that a bad cell is a message on its cell on every database instead of a
    database error on PostgreSQL and a silently stored value on SQLite.
    """
    columns = columns or {}
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        problems = []
        for name, errors in exc.message_dict.items():
            column = columns.get(name, "")
            label = ""
            if name != NON_FIELD_ERRORS and not column:
                label = str(instance._meta.get_field(name).verbose_name)
            for message in errors:
                problems.append(ImportProblem(message, column=column, field=label, **where))
        return problems
    return []


def sha256_of(source) -> tuple[str, int]:
    """SHA-256 and size of an upload, a binary file or bytes, read in blocks.

    A file object is left at its start again, ready to be read by the import.
    """
    digest = hashlib.sha256()
    size = 0
    if isinstance(source, bytes | bytearray | memoryview):
        digest.update(source)
        return digest.hexdigest(), len(source)
    if hasattr(source, "chunks"):
        blocks = source.chunks()
    else:
        source.seek(0)
        blocks = iter(lambda: source.read(1 << 20), b"")
    for block in blocks:
        digest.update(block)
        size += len(block)
    source.seek(0)
    return digest.hexdigest(), size


@dataclass
class Counts:
    """What an import did, for its one audit entry and the message to the user."""

    read: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            **self.extra,
        }


def record(
    target: models.Model,
    action: str,
    *,
    file_name: str,
    sha256: str,
    counts: Counts,
    **data: Any,
) -> LogEntry:
    """The import's one audit entry: file, hash and counts (rows read, created, updated,
    deleted). Rows written in bulk inside the import have no entry of their own; this is
    their record."""
    return log(
        target,
        action,
        {"file_name": file_name, "sha256": sha256, "counts": counts.as_dict(), **data},
    )
