"""The reader on the real exports in shared/sie-samples (see the README there)."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from samverka.ledger.sie import SieError, read, reader
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.skipif(
    not SIE_SAMPLES_DIR.is_dir(), reason="shared/sie-samples is not beside the clone"
)

TRANSAKTIONER = "transaktioner_ovnbolag.se"
OBJEKTSALDO = "objektsaldo_ovnbolag.se"
NORSTEDTS = "Bokslut_Norstedts_SIE_4E.se"
BL = "BL0001_typ4.SE"


@pytest.mark.parametrize(
    ("name", "variant", "counts", "dimensions"),
    [
        (TRANSAKTIONER, "4E", {"VER": 163, "TRANS": 671, "PSALDO": 705, "PBUDGET": 1248}, 3),
        (OBJEKTSALDO, "3", {"PSALDO": 975, "PBUDGET": 1248}, 3),
        (NORSTEDTS, "4E", {"VER": 177, "TRANS": 678, "KSUMMA": 2}, 2),
        (BL, "4E", {"VER": 84, "TRANS": 405, "RTRANS": 6, "BTRANS": 3, "OIB": 6, "OUB": 21}, 3),
    ],
)
def test_counts_checks_and_encoding_of_real_files(name, variant, counts, dimensions):
    sie = read(SIE_SAMPLES_DIR / name)

    assert sie.sie_variant == variant
    assert {k: sie.counts.get(k, 0) for k in counts} == counts
    assert len(sie.dimensions) == dimensions
    assert sie.encoding == "cp437"
    assert "PC8" in sie.encoding_reason
    assert sie.format_declared == "PC8"
    assert sie.findings == []
    assert sie.checks_run and sie.checks_passed == sie.checks_run


def test_objektsaldo_has_583_object_rows_in_exact_combination_convention():
    sie = read(SIE_SAMPLES_DIR / OBJEKTSALDO)

    assert sum(1 for (_y, _m, _a, objs) in sie.psaldo if objs) == 583
    assert sie.object_convention == "exact-combination"
    # {} is only the untagged remainder: the month's total is {} plus every combination.
    month = [v for (y, m, a, _o), v in sie.psaldo.items() if (y, m, a) == (0, 201101, "1510")]
    assert sum(month, Decimal(0)) == Decimal("122626.00")
    assert "psaldo_year" in sie.checks_passed


def test_transaktioner_metadata_names_and_sums():
    sie = read(SIE_SAMPLES_DIR / TRANSAKTIONER)

    assert sie.company_name == "Övningsbolaget AB (Ekonomi 60)"
    assert sie.program == "Avendo"
    assert sie.accounts["1150"].name == "Markanläggningar"
    assert sie.accounts["1010"].type == "T" and sie.accounts["1010"].sru == ["7201"]
    assert sie.objects[("1", "Nord")] == "Kontor Nord"
    assert sie.dimensions["7"].name == "Medarbetare"
    assert sie.fiscal_years[-1].start == dt.date(2010, 1, 1)
    assert sie.ub[(0, "1221")] == Decimal("532017.53")
    # The {} #PSALDO row is the month's total over every object combination here.
    month = sum(
        (v for (y, a, m, _o), v in sie.trans_sums.items() if (y, a, m) == (0, "1510", 201101)),
        Decimal(0),
    )
    assert month == sie.psaldo[(0, 201101, "1510", ())] == Decimal("122626.00")
    assert all(isinstance(v, Decimal) for v in sie.trans_sums.values())


def test_norstedts_checksum_verifies_and_tabs_are_separators():
    sie = read(SIE_SAMPLES_DIR / NORSTEDTS)

    assert sie.ksumma_expected == sie.ksumma_computed == 854227682
    assert "ksumma" in sie.checks_passed
    assert sie.program == "Norstedts Bokslut"
    assert sie.dimensions["6"].name == "Projekt"
    assert sie.address == ("", "Storgatan 1", "410 10  Göteborg", "")
    assert sie.ib[(0, "1220")] == Decimal("219292")


def test_bl_split_year_rtrans_btrans_and_object_balances():
    sie = read(SIE_SAMPLES_DIR / BL)

    assert sie.fiscal_years[0].start == dt.date(2009, 7, 1)
    assert sie.fiscal_years[0].end == dt.date(2010, 6, 30)
    # Vouchers dated in January 2010 belong to fiscal year 0 (2009/2010), not year -1.
    assert {y for (y, _a, _m, _o) in sie.trans_sums} == {0}
    assert sie.oub[(0, "3010", (("1", "1"),))] == Decimal("-26400")
    assert sie.object_convention == "total+per-object"
    assert {"ub", "res", "oub", "rtrans_copy"} <= set(sie.checks_passed)
    # Counting #RTRANS/#BTRANS as well as #TRANS would break #UB; it holds, so they are not.
    assert sie.ub[(0, "1930")] == sie.ib[(0, "1930")] + sum(
        (v for (y, a, _m, _o), v in sie.trans_sums.items() if (y, a) == (0, "1930")),
        Decimal(0),
    )


def test_progress_callback_reports_lines_read():
    calls = []
    read(SIE_SAMPLES_DIR / TRANSAKTIONER, on_progress=lambda lines, nbytes: calls.append(lines))

    assert calls and calls[-1] >= 4000


@pytest.mark.parametrize("name", [TRANSAKTIONER, NORSTEDTS, BL])
def test_bulk_voucher_path_changes_nothing(monkeypatch, name):
    fast = read(SIE_SAMPLES_DIR / name)
    monkeypatch.setattr(reader, "_VOUCHER_HEAD", re.compile(rb"(?!)"))  # line by line only
    slow = read(SIE_SAMPLES_DIR / name)

    assert fast.trans_sums == slow.trans_sums
    assert fast.counts == slow.counts
    assert fast.voucher_years == slow.voucher_years
    assert fast.checks_passed == slow.checks_passed


def test_closed_file_is_a_sie_error():
    with (SIE_SAMPLES_DIR / BL).open("rb") as f:
        pass
    with pytest.raises(SieError):
        read(f)
