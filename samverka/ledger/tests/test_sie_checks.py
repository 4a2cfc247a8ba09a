"""Arithmetic that does not add up is reported as findings, with line numbers."""

import io
from decimal import Decimal

import pytest

from samverka.ledger.sie import ERROR, read
from samverka.lib.paths import SIE_SAMPLES_DIR

needs_samples = pytest.mark.skipif(
    not SIE_SAMPLES_DIR.is_dir(), reason="shared/sie-samples is not beside the clone"
)


def _modified(tmp_path, name, old: bytes, new: bytes):
    raw = (SIE_SAMPLES_DIR / name).read_bytes()
    assert raw.count(old) == 1, "the edit must hit exactly one line"
    path = tmp_path / name
    path.write_bytes(raw.replace(old, new))
    line = raw[: raw.index(old)].count(b"\n") + 1
    return read(path), line


@needs_samples
def test_unbalanced_voucher_is_reported_with_its_line(tmp_path):
    # Voucher B 1 of the Avendo file: -128 + 100 + 28; make the 100 a 200.
    sie, changed = _modified(
        tmp_path,
        "transaktioner_ovnbolag.se",
        b"#TRANS  7690 {} 100.00\n",
        b"#TRANS  7690 {} 200.00\n",
    )

    (finding,) = [f for f in sie.findings if f.code == "voucher_balance"]
    assert finding.severity == ERROR
    assert finding.line == changed - 3  # the #VER line: #VER, {, the first row, this row
    assert finding.actual == Decimal("100.00") and finding.expected == 0
    assert finding.message == (
        f"Verifikation B 1 på rad {finding.line} balanserar inte: summa 100,00\u00a0kr"
    )
    assert "voucher_balance" not in sie.checks_passed
    # The same edit breaks the year's result and balances, which are reported too.
    assert {"res", "psaldo"} <= {f.code for f in sie.findings}


@needs_samples
def test_modified_norstedts_file_fails_its_checksum(tmp_path):
    # Renaming an account keeps every sum right, so only the checksum can notice.
    sie, _ = _modified(
        tmp_path,
        "Bokslut_Norstedts_SIE_4E.se",
        b'#KONTO\t1010\t"Balanserade utgifter"',
        b'#KONTO\t1010\t"Balanserade utgifter!"',
    )

    assert [f.code for f in sie.findings] == ["ksumma"]
    assert sie.findings[0].actual != sie.findings[0].expected == Decimal(854227682)
    assert "ksumma" in sie.checks_run and "ksumma" not in sie.checks_passed


@needs_samples
def test_checksum_without_its_closing_line_is_reported(tmp_path):
    raw = (SIE_SAMPLES_DIR / "Bokslut_Norstedts_SIE_4E.se").read_bytes()
    path = tmp_path / "utan_slut.se"
    path.write_bytes(raw[: raw.rindex(b"#KSUMMA")])  # cut just before the closing line

    sie = read(path)
    assert [(f.code, f.line) for f in sie.findings] == [("ksumma", 2)]
    assert "ksumma" not in sie.checks_passed


@needs_samples
def test_checksum_ignores_whitespace_and_line_endings(tmp_path):
    sie, _ = _modified(tmp_path, "Bokslut_Norstedts_SIE_4E.se", b"#FNAMN\t\t", b"#FNAMN   \t ")
    assert sie.findings == []


@needs_samples
def test_wrong_ub_is_reported(tmp_path):
    sie, changed = _modified(
        tmp_path, "BL0001_typ4.SE", b"#UB 0 1930 869015.45", b"#UB 0 1930 869015.00"
    )

    (finding,) = sie.findings
    assert (finding.code, finding.line) == ("ub", changed)
    assert finding.expected == Decimal("869015.45") and finding.actual == Decimal("869015.00")
    assert "konto 1930" in finding.message and "869\u00a0015,45\u00a0kr" in finding.message


@needs_samples
def test_wrong_object_balance_is_reported(tmp_path):
    sie, changed = _modified(
        tmp_path, "BL0001_typ4.SE", b'#OUB 0 3010 {1 "1"} -26400', b'#OUB 0 3010 {1 "1"} -26000'
    )
    assert [(f.code, f.line) for f in sie.findings] == [("oub", changed)]


@needs_samples
def test_rtrans_without_its_trans_copy_is_a_warning(tmp_path):
    sie, changed = _modified(
        tmp_path,
        "BL0001_typ4.SE",
        b'#RTRANS 1920  {} 1000 20100826 "" "" "2 Christer Bengtsson"\n#TRANS 1920  {} 1000',
        b'#RTRANS 1920  {} 1000 20100826 "" "" "2 Christer Bengtsson"\n#TRANS 1920  {} 999',
    )
    codes = {f.code: f for f in sie.findings}
    assert codes["rtrans_copy"].line == changed
    assert codes["rtrans_copy"].severity == "warning"


@needs_samples
def test_psaldo_object_row_checked_in_exact_combination_file(tmp_path):
    sie, changed = _modified(
        tmp_path,
        "objektsaldo_ovnbolag.se",
        b'#PSALDO 0 201101 1510 {"1" "Syd" "6" "0001" "7" "4"} 63000.00',
        b'#PSALDO 0 201101 1510 {"1" "Syd" "6" "0001" "7" "4"} 63001.00',
    )
    (finding,) = sie.findings
    assert finding.code == "psaldo_year"
    assert finding.expected == Decimal("156976.00") and finding.actual == Decimal("156977.00")


SNIPPET = """#FLAGGA 0
#SIETYP 4
#RAR 0 20250101 20251231
#KONTO 1930 "Bank"
#KONTO 5010 "Lokalhyra"
#DIM 1 "Kostnadsställe"
#OBJEKT 1 "10" "Skola"
#OBJEKT 1 "20" "Vård"
#IB 0 1930 1000.00
#UB 0 1930 {ub}
#RES 0 5010 {res}
#PSALDO 0 202503 1930 {{}} -500.00
#PSALDO 0 202503 5010 {{}} 500.00
#PSALDO 0 202503 5010 {{1 "10"}} {p10}
#PSALDO 0 202503 5010 {{1 "20"}} 200.00
#VER A 1 20250315 "Hyra"
{{
#TRANS 1930 {{}} -500.00
#TRANS 5010 {{1 "10"}} 300.00
#TRANS 5010 {{1 "20"}} 200.00
}}
"""


def _snippet(**kw):
    values = {"ub": "500.00", "res": "500.00", "p10": "300.00"} | kw
    return read(io.BytesIO(SNIPPET.format(**values).encode("cp437")))


def test_snippet_with_total_and_per_object_rows_passes():
    sie = _snippet()
    assert sie.findings == []
    assert sie.checks_passed == ["voucher_balance", "ub", "res", "psaldo"]
    assert sie.object_convention == "total+per-object"


def test_psaldo_object_row_mismatch_names_the_object():
    sie = _snippet(p10="310.00")
    (finding,) = sie.findings
    assert (finding.code, finding.line) == ("psaldo", 14)
    assert "{1:10}" in finding.message and "period 202503" in finding.message


def test_res_mismatch():
    sie = _snippet(res="400.00")
    assert [(f.code, f.line, f.expected, f.actual) for f in sie.findings] == [
        ("res", 11, Decimal("500.00"), Decimal("400.00"))
    ]
