"""Eight processes, each with its own database connection, create and then edit the same
target value at the same moment. Every save either lands or is refused as a conflict; none is
lost: the number of confirmed saves equals the final version, and the stored value is the one
whose save was confirmed last.

Only PostgreSQL runs writers truly at once (SQLite serialises them), so this runs in CI's
PostgreSQL run and is skipped on SQLite.
"""

import multiprocessing
from decimal import Decimal

import pytest
from django.db import connection, connections

from samverka.audit.context import acting_as
from samverka.core import testing
from samverka.core.forms import save_or_conflict
from samverka.goals.forms import TargetValueForm
from samverka.goals.models import TargetValue
from samverka.goals.testing import make_goal, make_indicator

pytestmark = [
    # Other processes only see committed data: no test transaction around this test.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers; SQLite serialises them (runs in the PostgreSQL run)",
    ),
]

PROCESSES = 8
ROUNDS = 4
YEAR = 2026


def _save(indicator_id: int, value: int, seen: int, instance: TargetValue) -> int | None:
    """Save through the edit form as a request would; the version confirmed, or None."""
    form = TargetValueForm(
        {"value": str(value), "note": f"process {value}", "seen_version": seen},
        instance=instance,
    )
    assert form.is_valid(), form.errors
    if save_or_conflict(form):
        return form.instance.version
    return None


def _worker(n: int, indicator_id: int, barrier, results) -> None:
    try:
        with acting_as(None, f"process {n}"):
            # Everyone opens the "new target" form (version 0), then saves at once.
            new = TargetValue(indicator_id=indicator_id, year=YEAR)
            barrier.wait(timeout=60)
            value = n
            results.put(("save", 0, value, _save(indicator_id, value, 0, new)))
            for round_ in range(1, ROUNDS + 1):
                # Everyone reads the same version before anyone saves over it.
                current = TargetValue.objects.get(indicator_id=indicator_id, year=YEAR)
                barrier.wait(timeout=60)
                value = round_ * 100 + n
                results.put(
                    ("save", round_, value, _save(indicator_id, value, current.version, current))
                )
                barrier.wait(timeout=60)
    except Exception as exc:  # reported to the test, which fails on it
        results.put(("error", n, repr(exc), None))
    finally:
        connections.close_all()


def test_concurrent_creates_and_updates_of_one_target_lose_nothing():
    indicator = make_indicator(make_goal(testing.make_federation()))
    # Each child opens its own connection; none may inherit the parent's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(n, indicator.pk, barrier, results))
        for n in range(1, PROCESSES + 1)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=180) for _ in range(PROCESSES * (ROUNDS + 1))]
    for worker in workers:
        worker.join(timeout=60)
    assert [o for o in outcomes if o[0] == "error"] == []

    confirmed = sorted((version, value) for _kind, _round, value, version in outcomes if version)
    stored = TargetValue.objects.get(indicator=indicator, year=YEAR)
    # Every confirmed save claimed its own version, 1, 2, 3, … with none skipped or shared.
    assert [version for version, _value in confirmed] == list(range(1, stored.version + 1))
    assert len(confirmed) == stored.version
    # The stored value is the last confirmed one: no confirmed save was overwritten silently.
    assert stored.value == Decimal(confirmed[-1][1])
    # Each round, all read the same version, so exactly one save per round landed.
    per_round = [sum(1 for o in outcomes if o[1] == r and o[3]) for r in range(ROUNDS + 1)]
    assert per_round == [1] * (ROUNDS + 1)
    assert TargetValue.objects.filter(indicator=indicator).count() == 1
