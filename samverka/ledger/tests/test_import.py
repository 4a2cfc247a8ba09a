"""Importing SIE files into a period: totals, idempotence, replacement, unmapped, bad files."""

import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.ledger import importing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import AccountRange, Actual, ImportBatch, budget_sign
from samverka.ledger.sie import SieError, read
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
NORSTEDTS = SIE_SAMPLES_DIR / "Bokslut_Norstedts_SIE_4E.se"


@pytest.fixture
def setup():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2011)
    nord = testing.make_unit(federation, name="Nord")
    syd = testing.make_unit(federation, name="Syd")
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", nord)
    return federation, period, nord, syd


def _file_sums_by_range():
    """Independent of the importer: the file's #TRANS sums per BAS range, budget sign."""
    sie = read(OVNBOLAG)
    sums = defaultdict(Decimal)
    for (_y, account, _month, _objects), amount in sie.trans_sums.items():
        if account[:1] in "12":
            continue
        kind = next((k for lo, hi, k in ledger_testing.BAS_RANGES if lo <= account[:2] <= hi), None)
        sums[kind] += -amount
    return sums


def _stored_sums_by_kind():
    sums = defaultdict(Decimal)
    for row in Actual.objects.all():
        sums[row.line_kind] += row.amount
    return sums


def test_sie_amounts_are_turned_into_the_budgets_signs():
    # A cost booked in debit (+) is negative in the budget; revenue booked in credit (−) positive.
    assert budget_sign(Decimal("1500.00")) == Decimal("-1500.00")
    assert budget_sign(Decimal("-2000.00")) == Decimal("2000.00")


def test_imported_actuals_equal_the_files_trans_sums_by_account_range(setup):
    result = importing.import_sie(OVNBOLAG)
    assert result.status == "imported"
    stored = _stored_sums_by_kind()
    expected = _file_sums_by_range()
    assert stored == {k: v for k, v in expected.items() if v or k in stored}
    # Revenue is positive and costs negative, as the budget prints them.
    assert stored["other_revenue"] > 0
    assert stored["other_costs"] < 0
    assert stored["personnel"] < 0
    batch = result.batch
    assert batch.counts["VER"] == 163 and batch.counts["TRANS"] == 671
    assert batch.sie_type == "4E" and batch.encoding == "cp437"
    assert batch.program.startswith("Avendo")
    assert len(batch.sha256) == 64
    assert batch.through_month == 3  # the file's vouchers run January–March


def test_importing_the_same_file_twice_changes_nothing(setup):
    first = importing.import_sie(OVNBOLAG)
    rows = list(Actual.objects.values_list("pk", "amount").order_by("pk"))
    entries = LogEntry.objects.count()
    again = importing.import_sie(OVNBOLAG, replace=True)
    assert again.status == "unchanged"
    assert "redan inläst" in again.messages[0]
    assert again.batch == first.batch
    assert list(Actual.objects.values_list("pk", "amount").order_by("pk")) == rows
    assert LogEntry.objects.count() == entries
    assert ImportBatch.objects.count() == 1


def test_a_second_file_replaces_the_first_only_with_confirmation(setup, tmp_path):
    importing.import_sie(OVNBOLAG)
    before = _stored_sums_by_kind()
    other = tmp_path / "andra.se"
    # Same company, one voucher less: a different file for the same period.
    text = OVNBOLAG.read_bytes()
    start = text.index(b"#VER")
    end = text.index(b"\n}", start) + 2
    other.write_bytes(text[:start] + text[end:])

    pending = importing.import_sie(other, year=2011)
    assert pending.status == "needs_confirmation"
    assert _stored_sums_by_kind() == before
    assert ImportBatch.objects.get().status == ImportBatch.Status.ACTIVE

    done = importing.import_sie(other, year=2011, replace=True)
    assert done.status == "imported"
    assert done.replaced.file_name == "transaktioner_ovnbolag.se"
    assert set(Actual.objects.values_list("batch", flat=True)) == {done.batch.pk}
    statuses = dict(ImportBatch.objects.values_list("file_name", "status"))
    assert statuses == {"transaktioner_ovnbolag.se": "replaced", "andra.se": "active"}
    assert done.batch.counts["VER"] == 162


def test_unmapped_objects_and_accounts_are_kept_with_their_amounts(setup):
    _federation, _period, nord, _syd = setup
    AccountRange.objects.filter(first="77").delete()  # 79xx is now in no range
    importing.import_sie(OVNBOLAG)
    nord_rows = Actual.objects.filter(unit=nord)
    syd_rows = Actual.objects.filter(unit__isnull=True, dimension="1", object_code="Syd")
    assert nord_rows.exists() and syd_rows.exists()  # Syd has no mapping: kept, not dropped
    no_centre = Actual.objects.filter(unit__isnull=True, object_code="")
    assert no_centre.exists()
    financial = Actual.objects.filter(line_kind__isnull=True)
    assert {a[:2] for a in financial.values_list("account", flat=True)} == {"79"}
    assert sum(financial.values_list("amount", flat=True), Decimal(0)) == Decimal("-1635.56")
    total = sum(Actual.objects.values_list("amount", flat=True), Decimal(0))
    assert sum(_file_sums_by_range().values(), Decimal(0)) == total


def test_a_garbled_file_imports_nothing_and_names_the_line(setup, tmp_path):
    garbled = tmp_path / "trasig.se"
    garbled.write_bytes(OVNBOLAG.read_bytes().replace(b"{} -128.00", b"{} -12x.00", 1))
    with pytest.raises(SieError) as caught:
        importing.import_sie(garbled)
    assert caught.value.line > 0
    assert "rad" in importing.describe_error(caught.value, "trasig.se")
    assert not Actual.objects.exists() and not ImportBatch.objects.exists()


def test_a_file_for_a_year_without_a_period_is_refused(setup):
    with pytest.raises(importing.ImportRefused, match="ingen planeringsperiod för år 2010"):
        importing.import_sie(NORSTEDTS, year=2010)


def test_check_prints_what_the_file_holds_and_exits_zero(capsys):
    call_command("import_sie", str(OVNBOLAG), "--check")
    out = capsys.readouterr().out
    assert "Avendo" in out
    assert "SIE-typ:       4E" in out
    assert "Verifikationer: 163" in out
    assert "Transaktionsrader: 671" in out
    assert "voucher_balance" in out
    assert not ImportBatch.objects.exists()


def test_check_exits_non_zero_on_a_truncated_file(tmp_path):
    truncated = tmp_path / "avkortad.se"
    data = OVNBOLAG.read_bytes()
    truncated.write_bytes(data[: len(data) - 2000])
    with pytest.raises(CommandError, match=r"avkortad.se, rad \d+: .*avslutande \} saknas"):
        call_command("import_sie", str(truncated), "--check", "--no-progress")


def test_the_command_imports_and_asks_for_replace(setup, tmp_path, capsys):
    call_command("import_sie", str(OVNBOLAG), "--no-progress")
    assert "lästes in i 2011" in capsys.readouterr().out
    copy = tmp_path / "kopia.se"
    copy.write_bytes(OVNBOLAG.read_bytes() + b"\n")
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_sie", str(copy), "--no-progress")
    call_command("import_sie", str(copy), "--replace", "--no-progress")
    assert ImportBatch.objects.get(status="active").file_name == "kopia.se"


def test_the_command_shows_progress_on_stderr(setup):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sie", str(OVNBOLAG), stdout=out, stderr=err)
    assert "100%" in err.getvalue() and "rader" in err.getvalue()
    assert "lästes in i 2011" in out.getvalue()
