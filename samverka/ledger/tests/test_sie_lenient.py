"""What real exports write and the standard does not: read, with a warning on its line.

Each deviation that cannot change a figure becomes one warning naming its (first) line;
what would make the figures wrong is still refused with its line.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest

from samverka.ledger.sie import WARNING, SieError, read

HEAD = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#FNAMN "Förbundet"
#RAR 0 20250101 20251231
#KONTO 1930 "Bank"
#KONTO 3010 "Avgifter"
"""
VOUCHER = """#VER A 1 20250115 "Avgift"
{
#TRANS 1930 {} 100.00
#TRANS 3010 {} -100.00
}
"""


def _read(text: str):
    return read(io.BytesIO(text.encode("cp437")))


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _warning(sie, code: str):
    (finding,) = [f for f in sie.findings if f.code == code]
    assert finding.severity == WARNING
    return finding


@pytest.mark.parametrize("label", ["PSALDO", "PBUDGET"])
def test_a_period_record_without_its_object_list_is_read_as_empty_with_a_warning(label):
    text = HEAD + f"#{label} 0 202501 3010 -100.00\n" + VOUCHER
    sie = _read(text)

    target = sie.psaldo if label == "PSALDO" else sie.pbudget
    assert target[(0, 202501, "3010", ())] == Decimal("-100.00")
    finding = _warning(sie, f"{label.lower()}_objects")
    assert finding.line == _line_of(text, f"#{label}") == 8
    assert finding.message.startswith("Rad 8: ") and "objektlistan" in finding.message


def test_each_record_without_its_object_list_is_counted_in_the_one_warning():
    text = HEAD + "#PSALDO 0 202501 3010 -100.00\n#PSALDO 0 202502 3010 0.00\n" + VOUCHER
    finding = _warning(_read(text), "psaldo_objects")
    assert finding.line == 8
    assert "1 ställen till" in finding.message


def test_an_sru_record_missing_its_code_is_skipped_with_a_warning():
    text = HEAD + "#SRU 1930\n#SRU 3010 7410\n" + VOUCHER
    sie = _read(text)

    assert sie.accounts["1930"].sru == []
    assert sie.accounts["3010"].sru == ["7410"]
    assert _warning(sie, "sru_field").line == 8


def test_a_ktyp_record_missing_its_type_is_skipped_and_the_account_number_decides():
    text = HEAD + "#KTYP 3010\n" + VOUCHER
    sie = _read(text)

    assert sie.accounts["3010"].type == ""
    assert not sie.accounts["3010"].is_balance
    assert _warning(sie, "ktyp_field").line == 8


def test_a_rar_without_its_dates_is_skipped_with_a_warning():
    text = HEAD + "#RAR -1\n" + VOUCHER
    sie = _read(text)

    assert set(sie.fiscal_years) == {0}
    assert _warning(sie, "rar_dates").line == 8
    assert sie.trans_sums[(0, "3010", 202501, ())] == Decimal("-100.00")


def test_six_digit_dates_take_their_century_from_the_files_rar():
    text = HEAD.replace("20250101 20251231", "19990101 19991231") + VOUCHER.replace(
        "20250115", "990115"
    )
    sie = _read(text)

    assert sie.trans_sums[(0, "3010", 199901, ())] == Decimal("-100.00")
    finding = _warning(sie, "date_short")
    assert finding.line == _line_of(text, "#VER")
    assert "1999-01-15" in finding.message and "#RAR" in finding.message


def test_six_digit_dates_in_the_rar_itself_take_the_century_nearest_today():
    text = HEAD.replace("20250101 20251231", "250101 251231") + VOUCHER
    sie = _read(text)

    assert sie.fiscal_years[0].start == dt.date(2025, 1, 1)
    finding = _warning(sie, "date_short")
    assert finding.line == _line_of(text, "#RAR")
    assert "närmast i dag" in finding.message


def test_iso_dates_are_read_with_a_warning():
    text = HEAD + VOUCHER.replace("20250115", "2025-01-15")
    sie = _read(text)

    assert sie.trans_sums[(0, "3010", 202501, ())] == Decimal("-100.00")
    assert _warning(sie, "date_iso").line == _line_of(text, "#VER")


def test_a_file_without_rar_takes_its_years_from_its_vouchers():
    text = (
        HEAD.replace("#RAR 0 20250101 20251231\n", "")
        + VOUCHER
        + VOUCHER.replace("20250115", "20240610").replace("A 1", "A 2")
    )
    sie = _read(text)

    assert sie.fiscal_years[0].start == dt.date(2025, 1, 1)
    assert sie.fiscal_years[-1].end == dt.date(2024, 12, 31)
    assert sie.trans_sums[(0, "3010", 202501, ())] == Decimal("-100.00")
    assert sie.trans_sums[(-1, "3010", 202406, ())] == Decimal("-100.00")
    finding = _warning(sie, "rar_missing")
    assert finding.line == 0 and "2024, 2025" in finding.message


@pytest.mark.parametrize(
    ("change", "needle", "words"),
    [
        (("#TRANS 3010 {} -100.00", "#TRANS {} -100.00"), "#TRANS {}", "objektlista"),
        (("#TRANS 3010 {} -100.00", "#TRANS 3010 {}"), "#TRANS 3010", "för få fält"),
        (("20250115", "20250230"), "#VER", "Ogiltigt datum"),
        (("20250115", "250230"), "#VER", "Ogiltigt datum"),
        (("20250115", "2025-02-30"), "#VER", "Ogiltigt datum"),
        (('#VER A 1 20250115 "Avgift"', '#VER A 1 ""'), "#VER", "saknar datum"),
    ],
)
def test_what_would_make_figures_wrong_is_still_refused_with_its_line(change, needle, words):
    text = HEAD + VOUCHER.replace(*change)
    with pytest.raises(SieError) as caught:
        _read(text)
    assert caught.value.line == _line_of(text, needle)
    assert words in caught.value.reason


def test_an_unbalanced_voucher_is_still_an_error_on_its_line():
    text = HEAD + VOUCHER.replace("-100.00", "-90.00")
    (finding,) = _read(text).findings
    assert finding.code == "voucher_balance" and finding.severity == "error"
    assert finding.line == _line_of(text, "#VER")
