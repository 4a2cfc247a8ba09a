"""The line grammar on small hand-written snippets, and what makes a file unreadable."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest

from samverka.ledger.sie import SieError, iter_records, read, reader
from samverka.ledger.sie.lexer import split_fields


def _read(text: str):
    return read(io.BytesIO(text.encode("cp437")))


def test_quotes_escapes_and_empty_fields_keep_their_places():
    assert split_fields(b'#ADRESS "" "Storgatan 1" "Sa \\"Huset\\"" ""') == [
        b"#ADRESS",
        b"",
        b"Storgatan 1",
        b'Sa "Huset"',
        b"",
    ]


def test_tabs_and_runs_of_spaces_separate_fields():
    assert split_fields(b"#TRANS\t1930 \t {}   -12.50\t\t20250102") == [
        b"#TRANS",
        b"1930",
        (),
        b"-12.50",
        b"20250102",
    ]


def test_object_lists_quoted_bare_spaced_and_empty():
    assert split_fields(b'#TRANS 5010 { "1" "10"  6 P1} 1 "" "x"') == [
        b"#TRANS",
        b"5010",
        (b"1", b"10", b"6", b"P1"),
        b"1",
        b"",
        b"x",
    ]
    assert split_fields(b"#OUB 0 1930 {} 0") == [b"#OUB", b"0", b"1930", (), b"0"]
    assert split_fields(b'#X {"a b"}') == [b"#X", (b"a b",)]


def test_unclosed_object_list_is_an_error_with_line():
    with pytest.raises(SieError) as err:
        split_fields(b'#TRANS 5010 {1 "10" 5', 7)
    assert err.value.line == 7 and "}" in err.value.reason


SMALL = """#FLAGGA 0
#PROGRAM "Ekonomi \\"Plus\\"" 1.0
#FORMAT PC8
#SIETYP 4
#FNAMN "Kommunalförbundet Älvdalen"
#ORGNR 222000-1234
#RAR 0 20240701 20250630
#RAR -1 20230701 20240630
#KONTO 1930 "Bank"
#KONTO 5010 ""
#NYPOST framtida fält som ska ignoreras
#VER "" "" 20250115 "Hyra januari" 20250120 extra fält
{
\t#TRANS 1930 {} -1000.00 "" "" 0 "sign" extra
\t#TRANS\t5010\t{1 "10"}\t1000.00\t20250203
}
"""


def test_small_file_fields_relative_years_and_unknown_records():
    sie = _read(SMALL)

    assert sie.findings == []
    assert sie.program == 'Ekonomi "Plus"'
    assert sie.company_name == "Kommunalförbundet Älvdalen"
    assert sie.accounts["5010"].name == ""
    assert sie.fiscal_years[0].start == dt.date(2024, 7, 1)
    assert sie.fiscal_years[-1].end == dt.date(2024, 6, 30)
    assert sie.counts["NYPOST"] == 1  # counted, otherwise ignored
    # A January 2025 voucher is in fiscal year 0 (2024/2025); its month is the voucher's,
    # also for the row that carries its own (later) date.
    assert sie.trans_sums == {
        (0, "1930", 202501, ()): Decimal("-1000.00"),
        (0, "5010", 202501, (("1", "10"),)): Decimal("1000.00"),
    }


def test_iter_records_streams_decoded_rows_with_the_voucher_date_filled_in():
    records = list(iter_records(io.BytesIO(SMALL.encode("cp437"))))
    rows = [r for r in records if r.label == "TRANS"]

    assert rows[0].fields[:4] == ("1930", (), "-1000.00", "20250115")  # "" -> voucher date
    assert rows[1].fields[:4] == ("5010", (("1", "10"),), "1000.00", "20250203")
    assert [r.label for r in records].count("{") == 1
    assert records[4].fields == ("Kommunalförbundet Älvdalen",)


def test_missing_object_list_on_a_row_is_accepted():
    sie = _read(SMALL.replace("#TRANS 1930 {} -1000.00", "#TRANS 1930 -1000.00"))
    assert sie.trans_sums[(0, "1930", 202501, ())] == Decimal("-1000.00")


def test_voucher_outside_the_fiscal_years_is_a_warning():
    sie = _read(SMALL.replace("20250115", "20260115"))
    assert [(f.code, f.line) for f in sie.findings] == [("voucher_year", 12)]
    assert {y for (y, *_rest) in sie.trans_sums} == {None}


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (SMALL.rstrip().removesuffix("}"), 15, "avslutande }"),
        (SMALL.replace("-1000.00", "-1000,00"), 14, "Beloppet"),
        (SMALL.replace("-1000.00", "tusen"), 14, "Beloppet"),
        (SMALL.replace("-1000.00", "NaN"), 14, "Beloppet"),
        (SMALL.replace("20250115", "20250230"), 12, "Ogiltigt datum"),
        (SMALL.replace("#SIETYP 4", "#SIETYP 5"), 4, "Okänd SIE-typ"),
        (SMALL.replace("#RAR 0 20240701", "#RAR X 20240701"), 7, "heltal"),
        (SMALL.replace("{\n", ""), 13, "{"),
        (SMALL.replace("}\n", "#VER A 2 20250116\n{\n}\n"), 16, "avslutande }"),
        (SMALL + "}\n", 17, "}"),
        (SMALL.replace("#KONTO 1930", "#TRANS 1930 {} 1"), 9, "utanför"),
        (SMALL.replace('{1 "10"}', '{1 "10" 6}'), 15, "udda"),
        (SMALL.replace("#RAR 0 20240701 20250630", "#RAR"), 7, "för få fält"),
        (SMALL.replace('#VER "" "" 20250115', '#VER A 1 ""'), 12, "saknar datum"),
        (
            SMALL.replace('#VER "" "" 20250115 "Hyra januari" 20250120 extra fält', "#VER A 1"),
            12,
            "för få fält",
        ),
    ],
)
def test_structural_damage_raises_sie_error_with_line(broken, line, words):
    with pytest.raises(SieError) as err:
        _read(broken)
    assert err.value.line == line
    assert words in err.value.reason


def test_missing_file_and_text_mode_file_raise_sie_error(tmp_path):
    with pytest.raises(SieError):
        read(tmp_path / "saknas.se")
    path = tmp_path / "fil.se"
    path.write_text(SMALL, encoding="cp437")
    with pytest.raises(SieError, match="binärt"), path.open(encoding="cp437") as f:
        read(f)  # type: ignore[arg-type]


def test_garbage_line_is_skipped_with_a_warning():
    sie = _read(SMALL.replace("#KONTO 1930", "skräp\n#KONTO 1930"))
    assert [(f.code, f.severity, f.line) for f in sie.findings] == [("syntax", "warning", 9)]
    assert sie.accounts["1930"].name == "Bank"


BULK = """#FLAGGA 0
#SIETYP 4
#RAR 0 20250101 20251231
#VER A 1 20250110 "Hyra"
{
#TRANS 1930 {} -100.00 20250110
#TRANS 5010 {1 "10"} 100.00 20250110 "Hyra jan"
}
#VER A 2 20250210 "Hyra"
{
#TRANS 1930 {} -100.00 ""
#TRANS 5010 {1 "10"} 100.00
}
"""


def test_row_errors_in_common_shaped_vouchers_carry_the_row_line():
    # Vouchers of this shape are read in bulk; errors must still name the right line.
    with pytest.raises(SieError) as err:
        _read(BULK.replace("100.00\n}", "100.00 20250231\n}"))
    assert err.value.line == 12 and "datum" in err.value.reason
    with pytest.raises(SieError) as err:
        _read(BULK.replace('{1 "10"} 100.00 2025', '{1 "10" 2} 100.00 2025'))
    assert err.value.line == 7 and "udda" in err.value.reason


def test_bulk_and_line_by_line_reading_agree(monkeypatch):
    fast = _read(BULK)
    monkeypatch.setattr(reader, "_VOUCHER_HEAD", re.compile(rb"(?!)"))  # never matches
    slow = _read(BULK)

    assert (
        fast.trans_sums
        == slow.trans_sums
        == {
            (0, "1930", 202501, ()): Decimal("-100.00"),
            (0, "5010", 202501, (("1", "10"),)): Decimal("100.00"),
            (0, "1930", 202502, ()): Decimal("-100.00"),
            (0, "5010", 202502, (("1", "10"),)): Decimal("100.00"),
        }
    )
    assert fast.counts == slow.counts
    unbalanced = BULK.replace("-100.00 20250110", "-90.00 20250110")
    slow_findings = _read(unbalanced).findings
    monkeypatch.undo()
    fast_findings = _read(unbalanced).findings
    assert fast_findings == slow_findings
    assert [(f.line, f.actual) for f in fast_findings] == [(4, Decimal("10.00"))]


def test_every_identity_and_chart_record_is_read():
    sie = _read(
        """#FLAGGA 1
#PROGRAM Kassa 2.0
#FORMAT PC8
#GEN 20250301 "Anna"
#SIETYP 2
#PROSA "Export för revision"
#FTYP KF
#FNR 42
#ORGNR 222000-1234
#BKOD 84110
#ADRESS "Karin" "Box 7" "123 45 Åby" "0123-456"
#FNAMN "Förbundet"
#RAR 0 20250101 20251231
#TAXAR 2026
#OMFATTN 20251231
#KPTYP BAS2025
#VALUTA SEK
#KONTO 3010 "Avgifter"
#KTYP 3010 I
#ENHET 3010 st
#SRU 3010 7410
#DIM 1 "Ansvar"
#UNDERDIM 21 "Delprojekt" 1
#OBJEKT 21 "A" "Del A"
#RES 0 3010 -50.00
#PSALDO 0 202503 3010 {} -50.00 3
#PBUDGET 0 202503 3010 {} -40.00
"""
    )
    assert (sie.flag, sie.program, sie.program_version) == (1, "Kassa", "2.0")
    assert (sie.generated, sie.generated_by) == (dt.date(2025, 3, 1), "Anna")
    assert (sie.sie_type, sie.sie_variant, sie.prosa) == (2, "2", "Export för revision")
    assert (sie.company_type, sie.company_id, sie.orgnr) == ("KF", "42", "222000-1234")
    assert (sie.industry_code, sie.address[2], sie.company_name) == (
        "84110",
        "123 45 Åby",
        "Förbundet",
    )
    assert (sie.tax_year, sie.period_end) == (2026, dt.date(2025, 12, 31))
    assert (sie.chart_type, sie.currency) == ("BAS2025", "SEK")
    account = sie.accounts["3010"]
    assert (account.name, account.type, account.unit, account.sru) == (
        "Avgifter",
        "I",
        "st",
        ["7410"],
    )
    assert not account.is_balance
    assert sie.dimensions["21"].parent == "1" and sie.objects[("21", "A")] == "Del A"
    assert sie.pbudget[(0, 202503, "3010", ())] == Decimal("-40.00")
    assert sie.checks_passed == ["psaldo_year"]
