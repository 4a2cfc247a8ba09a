"""The streaming reader: one pass over the lines, aggregating as it goes."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from samverka.lib.money import format_kr

from . import checks
from .encoding import SNIFF_BYTES, TextDecoder, decide_encoding
from .errors import SieError
from .lexer import Field, flatten, split_fields
from .model import ERROR, WARNING, Finding, FiscalYear, Objects, SieFile
from .records import DateInfo, RawObjects, RecordReader, _amount, _decode_objects, _pairs

ProgressCallback = Callable[[int, int], None]
"""Called as ``on_progress(lines_read, bytes_read)`` about every ``PROGRESS_EVERY`` lines;
``bytes_read`` is the file position, up to one block (``CHUNK_BYTES``) ahead of the lines."""

PROGRESS_EVERY = 1 << 16
CHUNK_BYTES = 1 << 20
BULK_MAX_BYTES = 1 << 16  # a longer voucher is read line by line

# The bulk of a file is vouchers in the shape nearly every exporter writes: a #VER line with
# plain series, number and date, a "{" line, #TRANS rows with two-decimal amounts, a "}" line.
# Such a voucher is taken with one match for its head and one findall for its rows, both in
# C, so that Python runs a few operations per row instead of a tokenizer per line. A voucher
# of any other shape (#RTRANS/#BTRANS rows, quoted series, blank lines, other amounts) does
# not match and is read line by line, which gives the same result, only slower.
_VOUCHER_HEAD = re.compile(
    rb"#VER[ \t]+([^\s\"{}]+)[ \t]+([^\s\"{}]+)[ \t]+(\d{8})(?:[ \t][^\n{}]*)?\r?\n"
    rb"[ \t]*\{[ \t]*\r?\n"
)
# One row: "account {objects}" as one field (parsed once per distinct value, and kept raw in
# the aggregation key meanwhile), the amount, the date or "" (group empty), and the rest.
_ROW = re.compile(
    rb"^[ \t]*#TRANS[ \t]+([^\s\"{}]+[ \t]+\{[^{}\n]*\})[ \t]+(-?\d{1,15}\.\d\d)"
    rb"(?:[ \t]+(?:(\d{8})|\"\")(?:[ \t][^\n]*)?)?[ \t]*\r?\n",
    re.MULTILINE,
)
_CLOSE = re.compile(rb"\}[ \t]*\r?(?:\n|\Z)")

MAX_FINDINGS = 1000  # a file with a million bad vouchers must not cost a million findings
ZERO = Decimal(0)

# Records the standard defines. Anything else is ignored (the standard asks readers to skip
# unknown records so that it can grow); they are only counted.
KNOWN_LABELS = frozenset(
    (
        *("FLAGGA", "PROGRAM", "FORMAT", "GEN", "SIETYP", "PROSA", "FTYP", "FNR", "ORGNR"),
        *("BKOD", "ADRESS", "FNAMN", "RAR", "TAXAR", "OMFATTN", "KPTYP", "VALUTA", "KONTO"),
        *("KTYP", "ENHET", "SRU", "DIM", "UNDERDIM", "OBJEKT", "IB", "UB", "OIB", "OUB", "RES"),
        *("PSALDO", "PBUDGET", "VER", "TRANS", "RTRANS", "BTRANS", "KSUMMA"),
    )
)
ROW_LABELS = frozenset(("TRANS", "RTRANS", "BTRANS"))


@dataclass(slots=True, frozen=True)
class Record:
    """One line as :func:`iter_records` yields it: label without ``#``, decoded fields.

    Object lists come as :data:`Objects`; a ``{`` or ``}`` line comes with that label and
    no fields.
    """

    line: int
    label: str
    fields: tuple[str | Objects, ...]


def read(
    source: str | os.PathLike[str] | BinaryIO, *, on_progress: ProgressCallback | None = None
) -> SieFile:
    """Read a SIE file (a path or a binary file object) in one streaming pass.

    Raises :class:`SieError` when the file cannot be read as SIE; arithmetic that does not
    add up is reported in ``SieFile.findings`` instead.
    """
    if isinstance(source, str | os.PathLike):
        try:
            f = open(source, "rb")  # noqa: SIM115 - closed by the with below
        except OSError as exc:
            raise SieError(0, f"Filen kan inte öppnas: {exc.strerror or exc}") from exc
        with f:
            return _Reader(f, os.fspath(source), on_progress).run()
    return _Reader(source, str(getattr(source, "name", "")), on_progress).run()


def iter_records(source: str | os.PathLike[str] | BinaryIO) -> Iterator[Record]:
    """Yield every record of a SIE file, decoded, one line at a time (lexical only).

    For callers that want to stream rows themselves. No structure is checked here beyond
    the line (object lists, quotes); :func:`read` checks voucher bodies and arithmetic.
    """
    if isinstance(source, str | os.PathLike):
        try:
            f = open(source, "rb")  # noqa: SIM115 - closed by the with below
        except OSError as exc:
            raise SieError(0, f"Filen kan inte öppnas: {exc.strerror or exc}") from exc
        with f:
            yield from _iter_records(f)
    else:
        yield from _iter_records(source)


def _iter_records(f: BinaryIO) -> Iterator[Record]:
    lines, decoder, _ = _open_lines(f)
    voucher_date = ""
    for lineno, raw in enumerate(lines, 1):
        s = raw.strip()
        if not s:
            continue
        if s in (b"{", b"}"):
            yield Record(lineno, s.decode(), ())
            continue
        fields = split_fields(s, lineno)
        label = fields[0]
        if not isinstance(label, bytes) or len(label) < 2 or not label.startswith(b"#"):
            continue
        decoded: list[str | Objects] = []
        for fv in fields[1:]:
            if isinstance(fv, tuple):
                decoded.append(_decode_objects(_pairs(fv, lineno), decoder, lineno))
            else:
                decoded.append(decoder(fv, lineno))
        name = decoder(label[1:], lineno).upper()
        if name == "VER" and len(decoded) > 2 and isinstance(decoded[2], str):
            voucher_date = decoded[2]
        elif name in ROW_LABELS and len(decoded) >= 3:
            # The standard: a row without its own date has the voucher's date.
            if len(decoded) == 3:
                decoded.append(voucher_date)
            elif decoded[3] == "":
                decoded[3] = voucher_date
        yield Record(lineno, name, tuple(decoded))


def _sniff(f: BinaryIO) -> tuple[bytes, TextDecoder, str]:
    """Read the head of the file and decide the encoding from it."""
    try:
        head = f.read(SNIFF_BYTES)
        if not isinstance(head, bytes):
            raise SieError(0, "Filen måste öppnas binärt (läge 'rb').")
        if len(head) == SNIFF_BYTES:
            head += f.readline()  # end the head on a whole line so no character is split
    except (OSError, ValueError) as exc:  # ValueError: a closed file
        raise SieError(0, f"Filen kan inte läsas: {exc}") from exc
    head = head.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark is no field
    encoding, reason = decide_encoding(head)
    return head, TextDecoder(encoding, ascii_head=head.isascii()), reason


def _open_lines(f: BinaryIO) -> tuple[Iterable[bytes], TextDecoder, str]:
    """The file's lines, the sniffed head chained back in front of the rest."""
    head, decoder, reason = _sniff(f)
    return itertools.chain(io.BytesIO(head), f), decoder, reason


def _chunks(f: BinaryIO, head: bytes) -> Iterator[bytes]:
    """The file in blocks of whole lines (a line longer than a block extends it)."""
    yield head
    while True:
        try:
            block = f.read(CHUNK_BYTES)
            if block and not block.endswith(b"\n"):
                block += f.readline()
        except (OSError, ValueError) as exc:  # ValueError: the file was closed under us
            raise SieError(0, f"Filen kan inte läsas: {exc}") from exc
        if not block:
            return
        yield block


class _Reader(RecordReader):
    """One pass over one file. Kept as an object so the rare records need no hot locals.

    The records outside vouchers are handled by :class:`RecordReader` (records.py)."""

    def __init__(self, f: BinaryIO, source: str, on_progress: ProgressCallback | None) -> None:
        self.f = f
        self.on_progress = on_progress
        self.sie = SieFile(source=source)
        self.decoder: TextDecoder
        # Raw aggregation: keys keep bytes so the hot path never decodes.
        self.sums: dict[tuple[int | None, bytes, int, RawObjects], Decimal] = {}
        # Sums of the bulk path in öre: (year, month) -> b"account {objects}" -> öre. Nested
        # so that a row costs one dict update and no key tuple.
        self.cents: dict[tuple[int | None, int], defaultdict[bytes, int]] = {}
        self.account_objects: dict[bytes, tuple[bytes, RawObjects]] = {}
        self.date_cache: dict[bytes, DateInfo] = {}
        self.row_lines: dict[tuple[str, tuple[object, ...]], int] = {}
        # Voucher state.
        self.expect_body = 0  # line of a #VER still waiting for its "{"
        self.in_body = False
        self.voucher_line = 0
        self.voucher_id: tuple[bytes, bytes] = (b"", b"")
        self.voucher_year: int | None = None
        self.voucher_month = 0
        self.voucher_sum = ZERO
        self.pending_rtrans: tuple[bytes, RawObjects, Decimal, int] | None = None
        # #KSUMMA state: None until the opening #KSUMMA, then the running CRC.
        self.crc: int | None = None
        self.crc_active = False  # between the opening and the closing #KSUMMA
        self.crc_done = False
        self.counts: dict[str, int] = {}
        self.deviations: dict[str, list] = {}

    # -- findings ---------------------------------------------------------------------------

    def finding(
        self,
        code: str,
        severity: str,
        line: int,
        message: str,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
    ) -> None:
        if len(self.sie.findings) >= MAX_FINDINGS:
            self.sie.findings_dropped += 1
            return
        self.sie.findings.append(Finding(code, severity, line, message, expected, actual))

    # -- the pass ---------------------------------------------------------------------------

    def run(self) -> SieFile:
        head, self.decoder, reason = _sniff(self.f)
        self._clear_dates()
        sie = self.sie
        sie.encoding, sie.encoding_reason = self.decoder.encoding, reason
        try:
            lineno = self._pass(_chunks(self.f, head))
        except OSError as exc:
            raise SieError(0, f"Filen kan inte läsas: {exc}") from exc
        if self.in_body or self.expect_body:
            line = self.voucher_line or self.expect_body
            raise SieError(
                lineno,
                f"Filen slutar mitt i verifikationen {self._voucher_label()} från rad {line}: "
                "avslutande } saknas (trunkerad fil?).",
            )
        self._finish()
        if self.on_progress is not None:
            self.on_progress(lineno, self._tell())
        return sie

    def _pass(self, chunks: Iterable[bytes]) -> int:
        """The loop over the file. The bulk of a file is vouchers: a whole voucher of the
        common shape is taken by two regex calls (see ``_VOUCHER_HEAD``) and its rows summed in
        integer öre; other vouchers are read line by line, their #TRANS rows inline with local
        variables (attribute access and calls cost as much as the work itself here). Every
        other line goes to :meth:`_line`, with the voucher state synced to ``self`` around
        the call.
        """
        sums = self.sums
        sums_get = sums.get
        date_cache = self.date_cache
        object_cache: dict[bytes, RawObjects] = {}
        voucher_years = self.sie.voucher_years
        head_match = _VOUCHER_HEAD.match
        close_match = _CLOSE.match
        rows_of = _ROW.findall
        progress = self.on_progress
        never = 1 << 62
        next_progress = PROGRESS_EVERY if progress is not None else never
        n_trans = n_ver = 0
        # Voucher state, mirrored in self.* around calls to _line.
        in_body = False
        expect_body = 0
        v_line = 0
        v_year: int | None = None
        v_month = 0
        v_sum = ZERO
        crc_active = False
        paused_until = 0
        bulk_after = 0  # the line number before which the bulk path is not tried
        lineno = 0
        close_line = b"}\n"
        for buf in chunks:
            if not lineno and b"\r\n" in buf:
                close_line = b"}\r\n"  # the common closing line, tried before the regex
            pos = 0
            size = len(buf)
            while pos < size:
                if lineno >= next_progress:
                    progress(lineno, self._tell())  # type: ignore[misc]
                    next_progress += PROGRESS_EVERY
                # bulk_after is `never` while a voucher is read line by line or #KSUMMA
                # is being computed, and a little ahead after a failed bulk attempt.
                if lineno >= bulk_after and (m := head_match(buf, pos)) is not None:
                    # The rows run to the first line that starts with "}"; they are all
                    # understood when findall matched one row per line (a match starts at
                    # a line start and ends with its newline, so it cannot cover two).
                    start = m.end()
                    stop = buf.find(b"\n}", start - 1, start + BULK_MAX_BYTES) + 1
                    rows = rows_of(buf, start, stop) if stop else None
                    if rows is not None and len(rows) == buf.count(b"\n", start, stop):
                        if buf.startswith(close_line, stop):
                            end = stop + len(close_line)
                        else:
                            closing = close_match(buf, stop)
                            end = closing.end() if closing is not None else -1
                    else:
                        end = -1
                    if end < 0:
                        # Not the common shape (or its "}" is indented, or it is huge): read
                        # it line by line, and pause the bulk path for a while so a file full
                        # of such vouchers does not pay for failed attempts.
                        bulk_after = paused_until = lineno + 200
                    else:
                        date_raw = m[3]
                        info = date_cache.get(date_raw) or self._date(date_raw, lineno + 1)
                        month_sums = info[3]
                        known = len(month_sums)
                        total = 0
                        for account_objects, amount, date in rows:
                            if date not in date_cache:
                                self._bulk_dates(rows, lineno + 3)
                            amount_ore = int(amount.replace(b".", b""))
                            month_sums[account_objects] += amount_ore
                            total += amount_ore
                        if len(month_sums) != known:  # a new "account {objects}": validate
                            self._bulk_objects(rows, lineno + 3)
                        if total or info[1] is None or not rows:
                            self.voucher_id = (m[1], m[2])
                            self.sie.voucher_years.add(info[1])
                            if total:
                                self._unbalanced(lineno + 1, Decimal(total).scaleb(-2))
                            if info[1] is None:
                                self._outside_years(lineno + 1, info[0])
                        n_ver += 1
                        n_rows = len(rows)
                        n_trans += n_rows
                        lineno += 3 + n_rows
                        pos = end
                        continue
                end = buf.find(b"\n", pos)
                if end < 0:
                    end = size
                s = buf[pos:end].strip()
                pos = end + 1
                lineno += 1
                if not s:
                    continue
                if in_body:
                    if s[:6] == b"#TRANS" and not crc_active and self.pending_rtrans is None:
                        # "#TRANS account {objects} amount [date [text ...]]": split at the
                        # object list's brace so that quotes inside it do not matter.
                        head, brace, tail = s.partition(b"}")
                        pre, _, objtext = head.partition(b"{")
                        p = pre.split()
                        if brace and len(p) == 2 and p[0] == b"#TRANS" and b'"' not in pre:
                            t = tail.split(None, 2)
                            if t and b'"' not in t[0] and (len(t) == 1 or b'"' not in t[1]):
                                objs = object_cache.get(objtext)
                                if objs is None:
                                    objs = self._parse_objects(objtext, lineno, object_cache)
                                amount = _amount(t[0], lineno)
                                if len(t) > 1 and t[1] not in date_cache:
                                    self._date(t[1], lineno)  # validated; month is the voucher's
                                key = (v_year, p[1], v_month, objs)
                                sums[key] = sums_get(key, ZERO) + amount
                                v_sum += amount
                                n_trans += 1
                                continue
                    elif s == b"}" and self.pending_rtrans is None:
                        in_body = False
                        bulk_after = never if crc_active else paused_until
                        if v_sum:
                            self._unbalanced(v_line, v_sum)
                        v_line = 0
                        continue
                elif s[:4] == b"#VER" and not crc_active and not expect_body:
                    p = s.split(None, 4)
                    if (
                        len(p) >= 4
                        and p[0] == b"#VER"
                        and b'"' not in b"".join(p[1:4])
                        and b"{" not in s
                        and b"}" not in s
                    ):
                        info = date_cache.get(p[3]) or self._date(p[3], lineno)
                        v_year = info[1]
                        v_month = info[2]
                        v_sum = ZERO
                        v_line = expect_body = lineno
                        bulk_after = never
                        self.voucher_id = (p[1], p[2])
                        voucher_years.add(v_year)
                        n_ver += 1
                        if v_year is None:
                            self._outside_years(lineno, info[0])
                        continue
                elif s == b"{" and expect_body:
                    expect_body = 0
                    in_body = True
                    continue
                # Everything else: sync the voucher state out, handle, sync it back.
                self.in_body, self.expect_body, self.voucher_line = in_body, expect_body, v_line
                self.voucher_year, self.voucher_month, self.voucher_sum = v_year, v_month, v_sum
                self._line(s, lineno)
                in_body, expect_body, v_line = self.in_body, self.expect_body, self.voucher_line
                v_year, v_month, v_sum = self.voucher_year, self.voucher_month, self.voucher_sum
                crc_active = self.crc_active
                line_mode = in_body or expect_body or crc_active
                bulk_after = never if line_mode else paused_until
        self.in_body, self.expect_body, self.voucher_line = in_body, expect_body, v_line
        counts = self.counts
        counts["TRANS"] = counts.get("TRANS", 0) + n_trans
        counts["VER"] = counts.get("VER", 0) + n_ver
        for label in ("TRANS", "VER"):
            if not counts[label]:
                del counts[label]
        return lineno

    def _bulk_dates(self, rows: list[tuple[bytes, bytes, bytes]], first: int) -> None:
        """Validate the row dates of a bulk voucher not seen before (first = first row's line)."""
        for i, (_ao, _value, date) in enumerate(rows):
            if date not in self.date_cache:
                self._date(date, first + i)

    def _bulk_objects(self, rows: list[tuple[bytes, bytes, bytes]], first: int) -> None:
        """Parse each "account {objects}" not seen before, with its row's line for errors."""
        parsed = self.account_objects
        for i, (account_objects, _value, _date) in enumerate(rows):
            if account_objects not in parsed:
                account, _, objtext = account_objects.partition(b"{")
                inner = split_fields(b"{" + objtext, first + i)[0]
                objs = _pairs(inner, first + i)  # type: ignore[arg-type]
                parsed[account_objects] = (account.strip(), objs)

    def _parse_objects(
        self, text: bytes, lineno: int, cache: dict[bytes, RawObjects]
    ) -> RawObjects:
        objs = _pairs(split_fields(b"{" + text + b"}", lineno)[0], lineno)  # type: ignore[arg-type]
        if len(cache) < 100_000:  # object lists repeat; bounded all the same
            cache[text] = objs
        return objs

    def _tell(self) -> int:
        try:
            return self.f.tell()
        except (OSError, ValueError, AttributeError):
            return 0

    def _line(self, s: bytes, lineno: int) -> None:
        if s == b"{":
            if not self.expect_body:
                raise SieError(lineno, "Rad med { utan föregående #VER.")
            self.expect_body = 0
            self.in_body = True
            return
        if s == b"}":
            if not self.in_body:
                raise SieError(lineno, "Rad med } utan öppen verifikation.")
            self._close_voucher(lineno)
            return
        fields = split_fields(s, lineno)
        head = fields[0] if fields else b""
        if not isinstance(head, bytes) or not head.startswith(b"#"):
            self.counts["?"] = self.counts.get("?", 0) + 1
            self.finding(
                "syntax", WARNING, lineno, f"Rad {lineno} är ingen SIE-post och hoppas över."
            )
            return
        if self.crc_active and head != b"#KSUMMA":
            self.crc = zlib.crc32(self.decoder.to_cp437(flatten(fields)), self.crc)
        label = head[1:].upper().decode("ascii", "replace")
        self.counts[label] = self.counts.get(label, 0) + 1
        if self.expect_body:
            raise SieError(lineno, f"Efter #VER på rad {self.expect_body} ska en rad med {{ följa.")
        if label not in KNOWN_LABELS:
            return  # ignored as the standard requires
        if self.in_body and label not in ROW_LABELS:
            raise SieError(
                lineno,
                f"#{label} inne i verifikationen {self._voucher_label()} från rad "
                f"{self.voucher_line}: "
                "avslutande } saknas.",
            )
        if label in ROW_LABELS and not self.in_body:
            raise SieError(lineno, f"#{label} utanför en verifikation.")
        getattr(self, "_r_" + label)(fields[1:], lineno)

    # -- vouchers -------------------------------------------------------------------------

    def _r_VER(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 3, "VER", lineno)
        self.voucher_id = (self._raw(fields, 0, lineno), self._raw(fields, 1, lineno))
        if not self._raw(fields, 2, lineno):
            raise SieError(
                lineno,
                f"Verifikationen {self._voucher_label()} saknar datum; utan det kan raderna "
                "inte placeras i en månad.",
            )
        date, year, month, _sums = self._date(self._raw(fields, 2, lineno), lineno)
        # Registration date and signature (fields 5-6) are not used, so not validated.
        self.expect_body = lineno
        self.voucher_line = lineno
        self.voucher_year = year
        self.voucher_month = month
        self.voucher_sum = ZERO
        self.sie.voucher_years.add(year)
        if year is None:
            self._outside_years(lineno, date)

    def _voucher_label(self) -> str:
        series, number = self.voucher_id
        return f"{self.decoder(series)} {self.decoder(number)}".strip()

    def _outside_years(self, lineno: int, date: dt.date) -> None:
        self.finding(
            "voucher_year",
            WARNING,
            lineno,
            f"Verifikation {self._voucher_label()} på rad {lineno} har datum {date} utanför "
            "filens räkenskapsår (#RAR) och räknas inte in i årets saldon.",
        )

    def _unbalanced(self, line: int, total: Decimal) -> None:
        self.finding(
            "voucher_balance",
            ERROR,
            line,
            f"Verifikation {self._voucher_label()} på rad {line} balanserar inte: "
            f"summa {format_kr(total, 2)}",
            expected=ZERO,
            actual=total,
        )

    def _row(
        self, fields: list[Field], label: str, lineno: int
    ) -> tuple[bytes, RawObjects, Decimal]:
        # Some writers leave out an empty object list; the standard requires it, but the
        # amount is unambiguous, so accept "#TRANS konto belopp".
        if len(fields) >= 2 and not isinstance(fields[1], tuple):
            fields = [fields[0], (), *fields[1:]]
        self._need(fields, 3, label, lineno)
        account = self._raw(fields, 0, lineno)
        objs = self._objects(fields, 1, label, lineno)
        amount = _amount(self._raw(fields, 2, lineno), lineno)
        if len(fields) > 3 and fields[3]:  # "" is no date: the voucher's date applies
            self._date(self._raw(fields, 3, lineno), lineno)
        return account, objs, amount

    def _r_TRANS(self, fields: list[Field], lineno: int) -> None:
        account, objs, amount = self._row(fields, "TRANS", lineno)
        key = (self.voucher_year, account, self.voucher_month, objs)
        self.sums[key] = self.sums.get(key, ZERO) + amount
        self.voucher_sum += amount
        pending = self.pending_rtrans
        if pending is not None:
            self.pending_rtrans = None
            if pending[:3] != (account, objs, amount):
                self._rtrans_without_copy(pending[3])

    def _r_RTRANS(self, fields: list[Field], lineno: int) -> None:
        # An added row; the standard has the writer follow it with a #TRANS copy, which is
        # what counts. The RTRANS itself is history, so it is not summed.
        if self.pending_rtrans is not None:
            self._rtrans_without_copy(self.pending_rtrans[3])
        account, objs, amount = self._row(fields, "RTRANS", lineno)
        self.pending_rtrans = (account, objs, amount, lineno)

    def _r_BTRANS(self, fields: list[Field], lineno: int) -> None:
        # A struck row, kept as history only: validated and counted, never summed.
        if self.pending_rtrans is not None:
            self._rtrans_without_copy(self.pending_rtrans[3])
            self.pending_rtrans = None
        self._row(fields, "BTRANS", lineno)

    def _rtrans_without_copy(self, line: int) -> None:
        self.finding(
            "rtrans_copy",
            WARNING,
            line,
            f"#RTRANS på rad {line} följs inte av en likadan #TRANS; den tillagda raden "
            "räknas inte in i saldona.",
        )

    def _close_voucher(self, lineno: int) -> None:
        if self.pending_rtrans is not None:
            self._rtrans_without_copy(self.pending_rtrans[3])
            self.pending_rtrans = None
        self.in_body = False
        if self.voucher_sum:
            self._unbalanced(self.voucher_line, self.voucher_sum)
        self.voucher_line = 0

    # -- checksum -------------------------------------------------------------------------

    def _r_KSUMMA(self, fields: list[Field], lineno: int) -> None:
        if self.crc is None:
            if fields:
                # A lone #KSUMMA with a value and no opening line: nothing to verify against.
                self.sie.ksumma_expected = self._int(fields, 0, lineno)
                return
            self.crc = 0
            self.crc_active = True
            self.row_lines[("KSUMMA", ())] = lineno
            return
        if self.crc_done:
            return
        self._need(fields, 1, "KSUMMA", lineno)
        raw = self._raw(fields, 0, lineno)
        if not raw.isdigit() or len(raw) > 10:
            raise SieError(lineno, "#KSUMMA ska vara ett heltal.")
        self.crc_done = True
        self.crc_active = False
        self.sie.ksumma_expected = int(raw)
        self.sie.ksumma_computed = self.crc
        self.row_lines[("KSUMMA", ())] = lineno

    # -- after the pass ---------------------------------------------------------------------

    def _years_from_vouchers(self) -> None:
        """Without #RAR, each calendar year of the vouchers is a fiscal year: the last one is
        index 0, the one before -1, and so on (rows were summed under index 0 meanwhile)."""
        months = {month for (_y, month), sums in self.cents.items() if sums}
        months |= {key[2] for key in self.sums}
        if not months:
            return
        years = sorted({month // 100 for month in months})
        last = years[-1]
        self.sie.fiscal_years = {
            y - last: FiscalYear(y - last, dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years
        }
        self.cents = {(month // 100 - last, month): v for (_y, month), v in self.cents.items()}
        self.sums = {(k[2] // 100 - last, *k[1:]): v for k, v in self.sums.items()}
        self.sie.voucher_years = {y - last for y in years}
        shown = ", ".join(str(y) for y in years)
        self.finding(
            "rar_missing",
            WARNING,
            0,
            f"Filen saknar #RAR; räkenskapsåren togs från verifikationernas datum "
            f"(kalenderår: {shown}).",
        )

    def _finish(self) -> None:
        sie = self.sie
        sie.counts = dict(sorted(self.counts.items()))
        for code, (line, n, message) in self.deviations.items():
            more = f" Samma avvikelse finns på {n - 1} ställen till." if n > 1 else ""
            self.finding(code, WARNING, line, f"Rad {line}: {message}{more}")
        if not sie.fiscal_years:
            self._years_from_vouchers()
        dec = self.decoder
        cache: dict[RawObjects, Objects] = {(): ()}
        out = sie.trans_sums
        raw_sums = dict(self.sums)
        parsed = self.account_objects
        for (year, month), month_sums in self.cents.items():
            if month_sums:
                self.sie.voucher_years.add(year)  # the bulk path leaves this to here
            for account_objects, amount in month_sums.items():
                account, objs = parsed[account_objects]
                key = (year, account, month, objs)
                raw_sums[key] = raw_sums.get(key, ZERO) + Decimal(amount).scaleb(-2)
        for (year, account, month, objs), amount in raw_sums.items():
            names = cache.get(objs)
            if names is None:
                names = cache[objs] = _decode_objects(objs, dec)
            key = (year, dec(account), month, names)
            out[key] = out.get(key, ZERO) + amount
        if sie.sie_type == 4:
            has_balances = sie.ib or sie.ub or sie.res or sie.psaldo
            sie.sie_variant = "4E" if has_balances else "4I"
        elif sie.sie_type:
            sie.sie_variant = str(sie.sie_type)
        if dec.fallback_lines:
            first = dec.fallback_lines[0]
            self.finding(
                "encoding",
                WARNING,
                first,
                f"Rad {first} (och {len(dec.fallback_lines) - 1} till) har tecken som inte "
                f"passar den valda teckenkodningen {dec.encoding}; de lästes med en annan.",
            )
        if self.crc is not None and not self.crc_done:
            # The opening #KSUMMA promised a checksum at the end; its absence most likely
            # means the end of the file is missing.
            sie.checks_run.append("ksumma")
            line = self.row_lines.get(("KSUMMA", ()), 0)
            self.finding(
                "ksumma",
                ERROR,
                line,
                f"#KSUMMA på rad {line} inleder en kontrollsumma, men filen slutar utan "
                "avslutande #KSUMMA (trunkerad fil?).",
            )
        checks.run_all(sie, self.row_lines, self)
