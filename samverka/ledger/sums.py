"""A period's actuals summed per unit, line kind and month: stored per batch, read per page.

The follow-up wants each unit's sum per line kind and month, never an account's row. A year
at ten times the example federation is some 200 000 rows but only a few thousand such sums,
so the import stores them with the rows (`ActualSum`, in the same transaction) and the pages
read them:

    store(batch, rows)    # in the import's transaction: (unit id, kind, month, amount) rows
    summarise(batch)      # the same from the batch's stored rows (a batch written otherwise)
    period_sums(period)   # {(unit id, kind, month): amount}, what the follow-up reads

A batch's rows change only on a remap, which stores its sums again; a replaced batch loses
its rows and its sums together. The rows of a batch without stored sums (`sums_stored` false:
written outside the import) are summed when read, so the figures never depend on it.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Sum

from samverka.ledger.models import Actual, ActualSum, ImportBatch
from samverka.orgs.models import PlanningPeriod

ZERO = Decimal(0)

Key = tuple[int | None, str | None, int]  # (unit id, line kind, month); None: unmapped


def store(batch: ImportBatch, rows: Iterable[tuple[int | None, str | None, int, Decimal]]) -> int:
    """Store the batch's sums (replacing any it had) from its rows; returns how many sums.

    Call it inside the transaction that writes the rows, so that neither is saved alone.
    """
    totals: dict[Key, Decimal] = defaultdict(lambda: ZERO)
    for unit_id, kind, month, amount in rows:
        totals[(unit_id, kind, month)] += amount
    remove(batch)
    ActualSum.objects.bulk_create(
        (
            ActualSum(
                batch=batch,
                period_id=batch.period_id,
                unit_id=unit_id,
                line_kind=kind,
                month=month,
                amount=amount,
            )
            for (unit_id, kind, month), amount in totals.items()
        ),
        batch_size=2000,
    )
    if not batch.sums_stored:
        # A derived flag, not a fact worth a version or a log line of its own.
        ImportBatch.objects.filter(pk=batch.pk).update(sums_stored=True)
        batch.sums_stored = True
    return len(totals)


def summarise(batch: ImportBatch) -> int:
    """Store the sums of a batch's rows as they are in the database."""
    return store(
        batch,
        Actual.objects.filter(batch=batch)
        .order_by()
        .values_list("unit_id", "line_kind", "month", "amount")
        .iterator(chunk_size=5000),
    )


def remove(batch: ImportBatch) -> None:
    """Remove a batch's sums (in bulk: derived rows have no log entries of their own)."""
    ActualSum.objects.filter(batch=batch)._raw_delete(ActualSum.objects.db)


def period_sums(period: PlanningPeriod, **where) -> dict[Key, Decimal]:
    """{(unit id, line kind, month): amount} of the period's actuals, narrowed by `where`
    (`unit=unit`, `month__lte=3`: fields that `Actual` and `ActualSum` share)."""
    result: dict[Key, Decimal] = defaultdict(lambda: ZERO)
    for unit_id, kind, month, amount in (
        ActualSum.objects.filter(period=period, **where)
        .order_by()
        .values_list("unit_id", "line_kind", "month", "amount")
    ):
        result[(unit_id, kind, month)] += amount
    unsummed = list(
        ImportBatch.objects.filter(period=period, sums_stored=False).values_list("pk", flat=True)
    )
    if unsummed:
        for unit_id, kind, month, amount in (
            Actual.objects.filter(period=period, batch__in=unsummed, **where)
            .order_by()
            .values_list("unit_id", "line_kind", "month")
            .annotate(total=Sum("amount"))
        ):
            result[(unit_id, kind, month)] += amount
    return dict(result)
