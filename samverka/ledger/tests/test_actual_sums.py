"""Each import stores its actuals summed per unit, line kind and month, and the follow-up reads
those sums: the same figures as the rows give, written and removed with the rows."""

import importlib
from collections import defaultdict
from decimal import Decimal

import pytest
from django.apps import apps

from samverka.core import testing
from samverka.ledger import followup, importing, sums, tables
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ActualSum, ImportBatch
from samverka.ledger.sie import read
from samverka.lib.paths import SIE_SAMPLES_DIR
from samverka.lib.tabular import rows_of

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
SAMPLES = sorted(SIE_SAMPLES_DIR.glob("*.[sS][eE]"))


@pytest.fixture
def world():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2011)
    nord = testing.make_unit(federation, name="Nord", code="nord")
    syd = testing.make_unit(federation, name="Syd", code="syd")
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", nord)
    ledger_testing.make_budget_line(period, nord, "other_costs", "-600000")
    ledger_testing.make_budget_line(period, syd, "personnel", "-300000")
    return federation, period, nord, syd


def _rows_summed(batch) -> dict:
    """Independent of the stored sums: the batch's rows added up in Python."""
    totals = defaultdict(Decimal)
    for row in Actual.objects.filter(batch=batch):
        totals[(row.unit_id, row.line_kind, row.month)] += row.amount
    return dict(totals)


def _stored(batch) -> dict:
    return {
        (s.unit_id, s.line_kind, s.month): s.amount for s in ActualSum.objects.filter(batch=batch)
    }


def _figures(period, unit, month):
    """Every figure of the year page, the unit page and the report's tables."""
    summaries = followup.period_follow_up(period, month)
    follow = followup.unit_follow_up(period, unit, month)
    return (
        list(rows_of(tables.period_table(period, month))),
        list(rows_of(tables.unit_table(follow))),
        list(rows_of(tables.unit_summary_table(follow))),
        list(rows_of(tables.federation_table(period, month))),
        [(s.unit, s.result.ytd_actual, s.result.forecast) for s in summaries],
    )


def _forget_sums(batch) -> None:
    """The batch as if its rows had been written without sums: read from the rows."""
    ActualSum.objects.filter(batch=batch).delete()
    ImportBatch.objects.filter(pk=batch.pk).update(sums_stored=False)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_the_stored_sums_of_each_real_sample_equal_its_rows_sums(sample):
    federation = testing.make_federation()
    ledger_testing.make_ranges(federation)
    year = importing.default_year(read(sample))
    testing.make_period(federation, year=year)
    batch = importing.import_sie(sample).batch
    assert batch.sums_stored
    assert _stored(batch) == _rows_summed(batch)


def test_the_stored_sums_hold_each_unit_and_the_unmapped_bucket(world):
    _federation, _period, nord, _syd = world
    batch = importing.import_sie(OVNBOLAG).batch
    stored = _stored(batch)
    assert {unit for unit, _kind, _month in stored} == {nord.pk, None}
    assert {kind for _unit, kind, _month in stored} >= {"other_costs", "personnel"}
    assert sum(stored.values()) == Decimal(batch.totals["imported"])


def test_the_follow_up_shows_the_same_figures_from_the_stored_sums_as_from_the_rows(world):
    _federation, period, nord, _syd = world
    batch = importing.import_sie(OVNBOLAG).batch
    from_sums = [_figures(period, nord, month) for month in (1, 6, 12)]
    _forget_sums(batch)
    assert [_figures(period, nord, month) for month in (1, 6, 12)] == from_sums
    assert from_sums[2][1]  # the unit's table has rows: the comparison compares figures


def test_the_year_and_unit_pages_show_the_same_figures_from_the_stored_sums(client, world):
    _federation, period, nord, _syd = world
    batch = importing.import_sie(OVNBOLAG).batch
    client.force_login(testing.make_reader())
    urls = ["/utfall/2011/?manad=6&format=csv", f"/utfall/2011/{nord.code}/?manad=6&format=csv"]
    from_sums = [client.get(url).content for url in urls]
    _forget_sums(batch)
    assert [client.get(url).content for url in urls] == from_sums
    assert b"Nord" in from_sums[0]


def test_a_replaced_batch_loses_its_sums_with_its_rows(world, tmp_path):
    first = importing.import_sie(OVNBOLAG).batch
    other = tmp_path / "ny.se"
    other.write_bytes(OVNBOLAG.read_bytes() + b"\r\n")
    second = importing.import_sie(other, replace=True).batch
    assert not ActualSum.objects.filter(batch=first).exists()
    assert _stored(second) == _rows_summed(second)
    assert set(ActualSum.objects.values_list("batch", flat=True)) == {second.pk}


def test_a_failed_import_leaves_neither_rows_nor_sums(world, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the audit entry could not be written")

    monkeypatch.setattr(importing, "record", fail)
    with pytest.raises(RuntimeError):
        importing.import_sie(OVNBOLAG)
    assert not ImportBatch.objects.exists()
    assert not Actual.objects.exists() and not ActualSum.objects.exists()


def test_a_failed_replacement_keeps_the_current_file_s_rows_and_sums(world, monkeypatch, tmp_path):
    current = importing.import_sie(OVNBOLAG).batch
    before = _stored(current)
    other = tmp_path / "ny.se"
    other.write_bytes(OVNBOLAG.read_bytes() + b"\r\n")
    monkeypatch.setattr(importing, "record", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        importing.import_sie(other, replace=True)
    assert list(ImportBatch.objects.all()) == [current]
    assert _stored(current) == before == _rows_summed(current)


def test_remapping_a_batch_moves_its_sums_to_the_newly_mapped_unit(world):
    federation, period, _nord, syd = world
    batch = importing.import_sie(OVNBOLAG).batch
    assert not ActualSum.objects.filter(unit=syd).exists()
    ledger_testing.map_cost_centre(federation, "Syd", syd)
    importing.remap(batch)
    assert ActualSum.objects.filter(unit=syd).exists()
    assert _stored(batch) == _rows_summed(batch)
    assert followup.unit_follow_up(period, syd, 12).result.ytd_actual == sum(
        Actual.objects.filter(unit=syd).values_list("amount", flat=True), Decimal(0)
    )


def test_rows_written_without_sums_are_summed_when_read(world):
    _federation, period, nord, _syd = world
    batch = ImportBatch.objects.create(period=period, file_name="hand.se", sha256="1" * 64)
    assert not batch.sums_stored
    for month, amount in ((1, "-100.25"), (1, "-200.50"), (2, "-50")):
        Actual.objects.create(
            batch=batch,
            period=period,
            unit=nord,
            line_kind="other_costs",
            account="6110",
            month=month,
            amount=Decimal(amount),
        )
    assert followup.actual_sums(period, nord) == {
        ("other_costs", 1): Decimal("-300.75"),
        ("other_costs", 2): Decimal("-50.00"),
    }
    sums.summarise(batch)
    batch.refresh_from_db()
    assert batch.sums_stored and _stored(batch) == _rows_summed(batch)
    assert followup.actual_sums(period, nord)[("other_costs", 1)] == Decimal("-300.75")


def test_the_migration_stores_the_sums_of_batches_imported_before_it(world):
    batch = importing.import_sie(OVNBOLAG).batch
    expected = _stored(batch)
    _forget_sums(batch)
    migration = importlib.import_module("samverka.ledger.migrations.0003_actual_sums")
    migration.store_sums(apps, None)
    batch.refresh_from_db()
    assert batch.sums_stored and _stored(batch) == expected == _rows_summed(batch)


def test_the_year_s_follow_up_carries_each_unit_s_own_follow_up_whole(world):
    _federation, period, nord, syd = world
    importing.import_sie(OVNBOLAG)
    summaries = followup.period_follow_up(period, 6)
    follows = followup.unit_follow_ups(period, 6, summaries)
    assert [f.unit for f in follows] == [nord, syd]
    for follow in follows:
        own = followup.unit_follow_up(period, follow.unit, 6)
        assert (follow.rows, follow.unmapped, follow.result) == (own.rows, own.unmapped, own.result)
    assert follows[0].rows and follows[0].result.ytd_actual
