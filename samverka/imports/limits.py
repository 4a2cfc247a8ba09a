"""Limits on uploads: size per kind of file, rows per sheet or CSV, age of pending uploads.

Settings (with their defaults, see settings.py): SAMVERKA_SIE_MAX_BYTES (50 MB; SIE is
streamed, so its size is its only limit), SAMVERKA_XLSX_MAX_BYTES (5 MB, also for CSV),
SAMVERKA_IMPORT_MAX_ROWS (10 000 rows per sheet or CSV file) and
SAMVERKA_PENDING_UPLOAD_HOURS (24).
"""

from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

from samverka.imports.pipeline import ImportProblem, ImportRefused
from samverka.lib.money import format_number

T = TypeVar("T")

SIE = "sie"
XLSX = "xlsx"
CSV = "csv"


def max_bytes(kind: str) -> int:
    if kind == SIE:
        return settings.SAMVERKA_SIE_MAX_BYTES
    return settings.SAMVERKA_XLSX_MAX_BYTES


def max_rows() -> int:
    return settings.SAMVERKA_IMPORT_MAX_ROWS


def _megabytes(size: int) -> str:
    from decimal import Decimal

    return format_number(Decimal(size) / 1_000_000, 1)


def check_size(size: int, kind: str, file_name: str) -> None:
    """Refuse a file above its kind's limit before a byte of it is parsed."""
    limit = max_bytes(kind)
    if size > limit:
        raise ImportRefused(
            ImportProblem(
                _(
                    "filen är %(size)s MB; högst %(limit)s MB tas emot. Dela upp filen eller "
                    "be en administratör höja gränsen."
                )
                % {"size": _megabytes(size), "limit": _megabytes(limit)},
                file=file_name,
            )
        )


def rows(items: Iterable[T], *, file_name: str, sheet: str = "", first: int = 1) -> Iterator[T]:
    """Yield the rows of a sheet or CSV file, refusing the file once it has more than the limit.

    `first` is the number of the first row yielded (2 when the header was taken before);
    the limit counts every row of the sheet, header included.
    """
    limit = max_rows()
    for number, item in enumerate(items, start=first):
        if number > limit:
            raise ImportRefused(
                ImportProblem(
                    _("filen har fler än %(limit)s rader; högst %(limit)s tas emot.")
                    % {"limit": format_number(limit)},
                    file=file_name,
                    sheet=sheet,
                    row=number,
                )
            )
        yield item
