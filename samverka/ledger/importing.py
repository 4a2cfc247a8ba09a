"""Import a SIE file into a period: check, map, aggregate and store, all or nothing.

    result = import_sie(path, file_name="export.se", year=2026, replace=False, user=user)
    result.status  # "imported", "unchanged" (same SHA-256) or "needs_confirmation"

Only result accounts count (balance accounts, 1xxx–2xxx or #KTYP T/S, are counted and
summed in the batch but not stored as actuals). Rows are placed in a month by the voucher
date; rows dated outside the period's calendar year are counted and summed in the batch.
Structural damage raises `SieError` (line and Swedish reason) before anything is written.
"""

import contextlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from django.db import models, transaction
from django.utils.translation import gettext as _

from samverka.audit.recording import log
from samverka.imports.pipeline import (
    MAX_PROBLEMS,
    Counts,
    ImportProblem,
    ImportRefused,
    record,
    sha256_of,
)
from samverka.ledger import sums
from samverka.ledger.mapping import Mapping
from samverka.ledger.models import Actual, ImportBatch, budget_sign
from samverka.ledger.sie import ERROR, SieError, SieFile, read
from samverka.lib.money import format_number
from samverka.orgs.federation import period_for_year
from samverka.orgs.models import PlanningPeriod

__all__ = ["ImportRefused", "ImportResult", "import_sie"]

ZERO = Decimal(0)
FINDINGS_KEPT = 200
# Findings that make the figures wrong: such a file is refused, not imported with a note.
REFUSING_FINDINGS = frozenset({"voucher_balance"})

Source = Path | str | BinaryIO


@dataclass
class ImportResult:
    status: str  # "imported", "unchanged", "needs_confirmation"
    period: PlanningPeriod
    sha256: str
    batch: ImportBatch | None = None  # the new batch, or the existing one when unchanged
    replaced: ImportBatch | None = None  # the batch replaced, or the one that would be
    messages: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> tuple[str, int]:
    with open(path, "rb") as f:
        return sha256_of(f)


def check_file(path: Path, on_progress: Callable[[int, int], None] | None = None) -> SieFile:
    """Read and check without importing anything (raises SieError when unreadable)."""
    return read(path, on_progress=on_progress)


def default_year(sie: SieFile) -> int:
    """The calendar year of the file's current fiscal year start (#RAR 0), else its last
    vouchers'."""
    if 0 in sie.fiscal_years:
        return sie.fiscal_years[0].start.year
    months = sorted({key[2] for key in sie.trans_sums})
    if months:
        return months[-1] // 100
    raise ImportRefused(_("Filen anger inget räkenskapsår (#RAR) och har inga verifikationer."))


def find_period(year: int) -> PlanningPeriod:
    period = period_for_year(year)
    if period is None:
        raise ImportRefused(
            _("Det finns ingen planeringsperiod för år %(year)s att läsa in utfallet i.")
            % {"year": year}
        )
    return period


@contextlib.contextmanager
def _opened(source: Source) -> Iterator[BinaryIO]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as f:
            yield f
    else:
        source.seek(0)
        yield source


def import_sie(
    source: Source,
    *,
    file_name: str | None = None,
    year: int | None = None,
    replace: bool = False,
    user=None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import a SIE file (a path or a binary file) into the period of `year` (default: the
    file's year).

    The imports pipeline: read (streamed) → resolve the period and the mapping → refuse
    what would make figures wrong or import nothing → save in one transaction with one
    audit entry (`ledger.sie_imported`). Raises SieError or ImportRefused; nothing is
    written then.
    """
    if file_name is None:
        name = source if isinstance(source, str | os.PathLike) else getattr(source, "name", "")
        file_name = Path(str(name or "fil.se")).name
    with _opened(source) as f:
        sha, size = sha256_of(f)
        period = find_period(year) if year is not None else None
        if period is not None and (unchanged := _unchanged(period, sha)) is not None:
            return unchanged
        sie = read(f, on_progress=on_progress)
    _refuse_wrong_figures(sie, file_name)
    if period is None:
        period = find_period(default_year(sie))
        if (unchanged := _unchanged(period, sha)) is not None:
            return unchanged
    mapping = Mapping.for_federation(period.federation)
    cells, counts, totals = aggregate(sie, period, mapping)
    if not cells and counts["outside_period_keys"]:
        raise ImportRefused(_nothing_in_year(sie, period, file_name))
    active = ImportBatch.objects.filter(period=period, status=ImportBatch.Status.ACTIVE).first()
    if active and not replace:
        return ImportResult(
            "needs_confirmation",
            period,
            sha,
            replaced=active,
            messages=[
                _(
                    "Perioden %(year)s har redan utfall från %(name)s. En ny fil ersätter det "
                    "helt; bekräfta för att ersätta."
                )
                % {"year": period.year, "name": active.file_name}
            ],
        )
    return _store(
        sie, period, file_name, sha, size, (cells, counts, totals), replaced=active, user=user
    )


def _unchanged(period: PlanningPeriod, sha: str) -> ImportResult | None:
    active = ImportBatch.objects.filter(period=period, status=ImportBatch.Status.ACTIVE).first()
    if active is None or active.sha256 != sha:
        return None
    return ImportResult(
        "unchanged",
        period,
        sha,
        batch=active,
        messages=[
            _("Filen är redan inläst i %(year)s (samma SHA-256, %(name)s): ingenting ändrades.")
            % {"year": period.year, "name": active.file_name}
        ],
    )


def _refuse_wrong_figures(sie: SieFile, file_name: str) -> None:
    problems = [
        ImportProblem(f.message, line=f.line or None, file=file_name)
        for f in sie.findings
        if f.severity == ERROR and f.code in REFUSING_FINDINGS
    ]
    if problems:
        raise ImportRefused(problems[:MAX_PROBLEMS])


def _nothing_in_year(sie: SieFile, period: PlanningPeriod, file_name: str) -> ImportProblem:
    years = sorted({yyyymm // 100 for (_y, _account, yyyymm, _objects) in sie.trans_sums})
    return ImportProblem(
        _(
            "filen har inga transaktioner på resultatkonton daterade %(year)s, så ingenting "
            "skulle läsas in. Filen har transaktioner från %(years)s; välj ett av de åren."
        )
        % {"year": period.year, "years": ", ".join(str(y) for y in years)},
        file=file_name,
    )


def aggregate(sie: SieFile, period: PlanningPeriod, mapping: Mapping):
    """Sum the file's #TRANS sums into (unit, kind, account, dim, obj, month) cells.

    Returns (cells, counts, totals); amounts in the budget's sign convention.
    """
    cells: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    counts = {"outside_period_keys": 0, "balance_keys": 0}
    totals = defaultdict(lambda: ZERO)
    kinds: dict[str, str | None] = {}
    balance: dict[str, bool] = {}
    centres: dict[tuple, tuple[int | None, str, str]] = {}
    accounts = sie.accounts
    year = period.year
    for (_year_index, account, yyyymm, objects), sie_amount in sie.trans_sums.items():
        is_balance = balance.get(account)
        if is_balance is None:
            known = accounts.get(account)
            is_balance = balance[account] = (
                known.is_balance if known is not None else account[:1] in ("1", "2")
            )
        if is_balance:
            counts["balance_keys"] += 1
            totals["balance"] += sie_amount
            continue
        amount = budget_sign(sie_amount)
        if yyyymm // 100 != year:
            counts["outside_period_keys"] += 1
            totals["outside_period"] += amount
            continue
        if account not in kinds:
            kinds[account] = mapping.line_kind(account)
        kind = kinds[account]
        centre = centres.get(objects)
        if centre is None:
            centre = centres[objects] = mapping.cost_centre(objects)
        unit_id, dim, obj = centre
        cells[(unit_id, kind, account, dim, obj, yyyymm % 100)] += amount
        totals["imported"] += amount
        if unit_id is None or kind is None:
            totals["unmapped"] += amount
    return cells, counts, totals


def _store(
    sie: SieFile,
    period: PlanningPeriod,
    file_name: str,
    sha: str,
    size: int,
    aggregated,
    replaced: ImportBatch | None,
    user=None,
) -> ImportResult:
    cells, counts, totals = aggregated
    months = [key[5] for key, amount in cells.items()]
    findings = [
        {"code": f.code, "severity": f.severity, "line": f.line, "message": f.message}
        for f in sie.findings[:FINDINGS_KEPT]
    ]
    if counts["outside_period_keys"]:
        findings.append(
            {
                "code": "outside_period",
                "severity": "warning",
                "line": 0,
                "message": _(
                    "%(n)s summeringar av resultatkonton har verifikationsdatum utanför %(year)s "
                    "och lästes inte in (summa %(amount)s kr)."
                )
                % {
                    "n": counts["outside_period_keys"],
                    "year": period.year,
                    "amount": format_number(totals["outside_period"], 2),
                },
            }
        )
    deleted = 0
    with transaction.atomic():
        if replaced is not None:
            replaced = ImportBatch.objects.select_for_update().get(pk=replaced.pk)
            # Bulk rows, bulk removal: the import's audit entry counts the rows removed.
            deleted = Actual.objects.filter(batch=replaced).count()
            Actual.objects.filter(batch=replaced)._raw_delete(Actual.objects.db)
            sums.remove(replaced)
            replaced.status = ImportBatch.Status.REPLACED
            replaced.save()
        batch = ImportBatch.objects.create(
            period=period,
            file_name=file_name[:255],
            sha256=sha,
            size=size,
            program=f"{sie.program} {sie.program_version}".strip()[:200],
            sie_type=sie.sie_variant,
            encoding=sie.encoding,
            encoding_reason=sie.encoding_reason[:500],
            company_name=sie.company_name[:200],
            through_month=max(months) if months else None,
            counts={
                "VER": sie.counts.get("VER", 0),
                "TRANS": sie.counts.get("TRANS", 0),
                "actual_rows": len(cells),
                **counts,
            },
            findings=findings,
            checks_passed=list(sie.checks_passed),
            totals={key: str(value) for key, value in totals.items()},
            imported_by=user if user is not None and user.pk else None,
            sums_stored=True,
        )
        Actual.objects.bulk_create(
            (
                Actual(
                    batch=batch,
                    period=period,
                    unit_id=unit_id,
                    line_kind=kind,
                    account=account,
                    dimension=dim,
                    object_code=obj,
                    month=month,
                    amount=amount,
                )
                for (unit_id, kind, account, dim, obj, month), amount in cells.items()
            ),
            batch_size=2000,
        )
        sums.store(
            batch,
            (
                (unit_id, kind, month, amount)
                for (unit_id, kind, _account, _dim, _obj, month), amount in cells.items()
            ),
        )
        record(
            batch,
            "ledger.sie_imported",
            file_name=file_name,
            sha256=sha,
            counts=Counts(
                read=sie.counts.get("TRANS", 0),
                created=len(cells),
                deleted=deleted,
                extra={"vouchers": sie.counts.get("VER", 0)},
            ),
            replaced=replaced.file_name if replaced else None,
        )
    messages = [
        _("%(name)s lästes in i %(year)s: %(rows)s rader utfall från %(trans)s transaktioner.")
        % {
            "name": file_name,
            "year": period.year,
            "rows": len(cells),
            "trans": sie.counts.get("TRANS", 0),
        }
    ]
    if replaced:
        messages.append(_("Tidigare utfall från %(name)s ersattes.") % {"name": replaced.file_name})
    return ImportResult("imported", period, sha, batch=batch, replaced=replaced, messages=messages)


def describe_error(error: SieError, file_name: str) -> str:
    """A Swedish message naming file, line and reason; nothing was imported."""
    return _("%(file)s, rad %(line)s: %(reason)s. Ingenting lästes in.") % {
        "file": file_name,
        "line": error.line,
        "reason": error.reason,
    }


def remap(batch: ImportBatch) -> int:
    """Apply the current mapping to a batch's stored rows; returns how many rows changed.

    Rows keep the account and the cost-centre object they were imported with, so a new
    range or cost-centre mapping takes effect without the file (a file that is the same as
    the active one is otherwise a no-op). An object is looked up in the dimension it was
    read from.
    """
    mapping = Mapping.for_federation(batch.period.federation)
    changed = []
    rows = list(Actual.objects.filter(batch=batch))
    for row in rows:
        kind = mapping.line_kind(row.account)
        unit_id = mapping.objects.get((row.dimension, row.object_code)) if row.object_code else None
        if (kind, unit_id) != (row.line_kind, row.unit_id):
            row.line_kind, row.unit_id = kind, unit_id
            changed.append(row)
    with transaction.atomic():
        Actual.objects.bulk_update(changed, ["line_kind", "unit"], batch_size=2000)
        sums.store(batch, ((r.unit_id, r.line_kind, r.month, r.amount) for r in rows))
        unmapped = sum(
            Actual.objects.filter(batch=batch)
            .filter(models.Q(unit__isnull=True) | models.Q(line_kind__isnull=True))
            .values_list("amount", flat=True),
            ZERO,
        )
        batch.totals = batch.totals | {"unmapped": str(unmapped)}
        batch.save()
        log(batch, "ledger.import.remapped", {"rows_changed": len(changed)})
    return len(changed)
