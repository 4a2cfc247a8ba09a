"""No input makes the reader fail with anything but SieError."""

import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverka.ledger.sie import SieError, iter_records, read


def _reads_or_sie_error(data: bytes) -> None:
    try:
        sie = read(io.BytesIO(data))
    except SieError as err:
        assert isinstance(err.line, int) and err.reason
    else:
        assert sie.encoding in ("cp437", "utf-8", "latin-1")
    with contextlib.suppress(SieError):  # iter_records may stop on a broken line too
        records = list(iter_records(io.BytesIO(data)))
        assert all(r.label for r in records)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _reads_or_sie_error(data)


LABELS = [
    "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#PROSA", "#FTYP", "#FNR", "#ORGNR",
    "#BKOD", "#ADRESS", "#FNAMN", "#RAR", "#TAXAR", "#OMFATTN", "#KPTYP", "#VALUTA", "#KONTO",
    "#KTYP", "#ENHET", "#SRU", "#DIM", "#UNDERDIM", "#OBJEKT", "#IB", "#UB", "#OIB", "#OUB",
    "#RES", "#PSALDO", "#PBUDGET", "#VER", "#TRANS", "#RTRANS", "#BTRANS", "#KSUMMA", "#OKÄND",
]  # fmt: skip
FIELDS = st.one_of(
    st.sampled_from(["0", "-1", "1", "4", "1930", "3010", "20250101", "20251231", "202503"]),
    st.sampled_from(["250101", "991231", "2025-01-01", "2025-13-01", "000229", "2025-1-01"]),
    st.sampled_from(["{}", '{1 "10"}', "{1", "}", '""', '"a b"', '"\\"', "100.50", "-7", "x"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=6),
)
LINE = st.one_of(
    st.tuples(st.sampled_from(LABELS), st.lists(FIELDS, max_size=7)).map(
        lambda t: " ".join([t[0], *t[1]])
    ),
    st.sampled_from(["{", "}", "", "\t", "#VER A 1 20250101", "#TRANS 1930 {} 1"]),
    # Rows in the shape the bulk voucher path takes, good and bad.
    st.sampled_from(
        [
            "#TRANS 1930 {} 1.00",
            '#TRANS 3010 {1 "10"} -1.00 20250101 "text"',
            "#TRANS 3010 {1} -1.00",
            "#TRANS 3010 {} -1.00 20250230",
            '#TRANS 3010 {} -1.00 ""',
        ]
    ),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(LINE, max_size=40),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["cp437", "utf-8", "latin-1"]),
)
def test_plausible_lines(lines, newline, encoding):
    _reads_or_sie_error(newline.join(lines).encode(encoding, "replace"))
