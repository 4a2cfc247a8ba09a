"""Encodings as real files carry them: cp437 as declared, UTF-8 and Latin-1 while lying."""

import io

import pytest

from samverka.ledger.sie import read
from samverka.ledger.sie.encoding import decide_encoding
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.skipif(
    not SIE_SAMPLES_DIR.is_dir(), reason="shared/sie-samples is not beside the clone"
)


def _variant(tmp_path, name, transform):
    original = (SIE_SAMPLES_DIR / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(transform(original))
    return read(SIE_SAMPLES_DIR / name), read(path)


def _same_content(a, b):
    assert b.findings == []
    assert b.checks_passed == a.checks_passed
    assert b.counts == a.counts
    assert (b.ib, b.ub, b.res, b.psaldo, b.pbudget) == (a.ib, a.ub, a.res, a.psaldo, a.pbudget)
    assert b.trans_sums == a.trans_sums
    assert b.accounts == a.accounts
    assert b.company_name == a.company_name


@pytest.mark.parametrize("name", ["transaktioner_ovnbolag.se", "Bokslut_Norstedts_SIE_4E.se"])
def test_crlf_variant_reads_the_same(tmp_path, name):
    a, b = _variant(tmp_path, name, lambda raw: raw.replace(b"\n", b"\r\n"))
    _same_content(a, b)
    assert b.encoding == "cp437"


@pytest.mark.parametrize("name", ["transaktioner_ovnbolag.se", "Bokslut_Norstedts_SIE_4E.se"])
def test_utf8_variant_that_still_declares_pc8(tmp_path, name):
    a, b = _variant(tmp_path, name, lambda raw: raw.decode("cp437").encode("utf-8"))
    _same_content(a, b)
    assert b.format_declared == "PC8"  # the file lies ...
    assert b.encoding == "utf-8"  # ... and the bytes win
    assert "UTF-8" in b.encoding_reason


def test_utf8_names_read_correctly():
    raw = (SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se").read_bytes()
    sie = read(io.BytesIO(raw.decode("cp437").encode("utf-8")))
    assert sie.company_name == "Övningsbolaget AB (Ekonomi 60)"
    assert sie.accounts["1150"].name == "Markanläggningar"


def test_utf8_with_bom(tmp_path):
    a, b = _variant(
        tmp_path,
        "transaktioner_ovnbolag.se",
        lambda raw: b"\xef\xbb\xbf" + raw.decode("cp437").encode("utf-8"),
    )
    _same_content(a, b)
    assert b.flag == 0


def test_latin1_variant_that_still_declares_pc8(tmp_path):
    a, b = _variant(
        tmp_path,
        "transaktioner_ovnbolag.se",
        lambda raw: raw.decode("cp437").encode("latin-1"),
    )
    _same_content(a, b)
    assert b.encoding == "latin-1"
    assert b.accounts["1150"].name == "Markanläggningar"


def test_decision_counts_swedish_letters():
    assert decide_encoding("Bokföring på år".encode("cp437"))[0] == "cp437"
    assert decide_encoding("Bokföring på år".encode("latin-1"))[0] == "latin-1"
    assert decide_encoding("Bokföring på år".encode())[0] == "utf-8"
    encoding, reason = decide_encoding(b"#FLAGGA 0\n")
    assert encoding == "cp437" and "ASCII" in reason


def test_non_ascii_after_the_sniffed_head_falls_back_per_field():
    # An ASCII-only head decides nothing; a Latin-1 name far down is still read right.
    head = b"#FLAGGA 0\n#SIETYP 4\n" + b"#PROSA x\n" * 10_000
    sie = read(io.BytesIO(head + '#FNAMN "Kommunalförbundet Väst"\n'.encode("latin-1")))
    assert sie.company_name == "Kommunalförbundet Väst"
    assert [f.code for f in sie.findings] == ["encoding"]
