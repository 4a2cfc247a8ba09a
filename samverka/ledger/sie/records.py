"""The records outside vouchers (identity, chart of accounts, objects, balances), the field
helpers and dates, as a base class of the reader.

Real exports deviate from the standard in ways that do not change a figure; these are read
and reported once per kind as a warning with the first line (`_deviation`), never refused:
an object list left out of #PSALDO/#PBUDGET (read as ``{}``), #SRU or #KTYP without their
second field and #RAR without its dates (skipped), dates written YYMMDD (the century from
the file's #RAR, else the one nearest today) or YYYY-MM-DD. What would make a figure wrong
(an amount or a date that is none, a missing account) still raises :class:`SieError`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from .errors import SieError
from .lexer import Field
from .model import Account, Dimension, FiscalYear, Objects

if TYPE_CHECKING:
    from .encoding import TextDecoder
    from .model import SieFile

RawObjects = tuple[tuple[bytes, bytes], ...]
DateInfo = tuple[dt.date, "int | None", int, "defaultdict[bytes, int]"]
ZERO = Decimal(0)


def _amount(raw: bytes, lineno: int) -> Decimal:
    """An amount, strictly: [-]digits[.digits]. Decimal alone would take NaN, 1e999, 1_0."""
    body = raw[1:] if raw[:1] in (b"-", b"+") else raw
    if len(body) > 22 or not body.replace(b".", b"", 1).isdigit():
        raise SieError(lineno, f"Beloppet '{raw.decode('latin-1')}' är inget tal.")
    return Decimal(raw.decode("ascii"))


def _pairs(inner: tuple[bytes, ...], lineno: int) -> RawObjects:
    if len(inner) % 2:
        raise SieError(lineno, "Objektlistan har ett udda antal fält (dimension och objekt i par).")
    it = iter(inner)
    return tuple(sorted(zip(it, it, strict=True)))


def _decode_objects(objs: RawObjects, decoder: TextDecoder, lineno: int = 0) -> Objects:
    return tuple(sorted((decoder(d, lineno), decoder(o, lineno)) for d, o in objs))


def nearest_century(yy: int, reference: int) -> int:
    """The four-digit year ending in `yy` that is nearest to the `reference` year."""
    base = reference // 100 * 100
    return min((base - 100 + yy, base + yy, base + 100 + yy), key=lambda y: abs(y - reference))


class RecordReader:
    """Handlers ``_r_LABEL`` for the records outside vouchers, and the helpers they share."""

    sie: SieFile
    decoder: TextDecoder
    row_lines: dict[tuple[str, tuple[object, ...]], int]
    cents: dict[tuple[int | None, int], defaultdict[bytes, int]]
    date_cache: dict[bytes, DateInfo]
    # code -> [first line, how many, message of the first]
    deviations: dict[str, list]

    def _deviation(self, code: str, lineno: int, message: str) -> None:
        """A harmless deviation from the standard: one warning per kind, at the first line."""
        seen = self.deviations.get(code)
        if seen is None:
            self.deviations[code] = [lineno, 1, message]
        else:
            seen[1] += 1

    def _parse_date(self, raw: bytes, lineno: int) -> dt.date:
        """YYYYMMDD as the standard says; YYMMDD and YYYY-MM-DD read with a warning."""
        text = raw.decode("latin-1")
        try:
            if len(raw) == 8 and raw.isdigit():
                return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
            if len(raw) == 10 and raw[4:5] == raw[7:8] == b"-":
                date = dt.date.fromisoformat(text)
                self._deviation(
                    "date_iso",
                    lineno,
                    f"datumet '{text}' är skrivet ÅÅÅÅ-MM-DD (standarden: ÅÅÅÅMMDD) och "
                    f"lästes som {date.isoformat()}.",
                )
                return date
            if len(raw) == 6 and raw.isdigit():
                years = self.sie.fiscal_years
                if years:
                    reference = (years.get(0) or next(iter(years.values()))).start.year
                    why = "århundradet från filens #RAR"
                else:
                    reference = dt.date.today().year
                    why = "det århundrade som ligger närmast i dag"
                year = nearest_century(int(raw[:2]), reference)
                date = dt.date(year, int(raw[2:4]), int(raw[4:]))
                self._deviation(
                    "date_short",
                    lineno,
                    f"datumet '{text}' har sex siffror (ÅÅMMDD, standarden: ÅÅÅÅMMDD) och "
                    f"lästes som {date.isoformat()} ({why}).",
                )
                return date
        except ValueError:
            pass
        raise SieError(lineno, f"Ogiltigt datum '{self.decoder(raw)}' (ska vara ÅÅÅÅMMDD).")

    # -- field helpers ----------------------------------------------------------------------

    def _need(self, fields: list[Field], n: int, label: str, lineno: int) -> None:
        if len(fields) < n:
            raise SieError(lineno, f"#{label} har för få fält (minst {n} behövs).")

    def _text(self, fields: list[Field], i: int, lineno: int) -> str:
        if i >= len(fields):
            return ""
        v = fields[i]
        if isinstance(v, tuple):
            raise SieError(lineno, f"Fält {i + 2} är en objektlista där text väntas.")
        return self.decoder(v, lineno)

    def _raw(self, fields: list[Field], i: int, lineno: int) -> bytes:
        v = fields[i]
        if isinstance(v, tuple):
            raise SieError(lineno, f"Fält {i + 2} är en objektlista där text väntas.")
        return v

    def _int(self, fields: list[Field], i: int, lineno: int) -> int:
        raw = self._raw(fields, i, lineno)
        body = raw[1:] if raw[:1] in (b"-", b"+") else raw
        if not body.isdigit() or len(body) > 9:
            raise SieError(lineno, f"Fält {i + 2} ska vara ett heltal, inte '{self.decoder(raw)}'.")
        return int(raw)

    def _date(self, raw: bytes, lineno: int) -> DateInfo:
        """A date with its year index, yyyymm and that month's bulk sums, cached (a year has
        few distinct dates, and the bulk path needs all four per voucher)."""
        hit = self.date_cache.get(raw)
        if hit is not None:
            return hit
        date = self._parse_date(raw, lineno)
        year, month = self._year_index(date), date.year * 100 + date.month
        month_sums = self.cents.get((year, month))
        if month_sums is None:
            month_sums = self.cents[(year, month)] = defaultdict(int)
        info = (date, year, month, month_sums)
        if len(self.date_cache) > 100_000:
            self._clear_dates()
        self.date_cache[raw] = info
        return info

    def _clear_dates(self) -> None:
        self.date_cache.clear()
        # b"" is a row's empty date ("" or none): always "known", so the bulk loop needs a
        # single membership test per row. Its info is never read.
        self.date_cache[b""] = (dt.date.min, None, 0, defaultdict(int))

    def _year_index(self, date: dt.date) -> int | None:
        years = self.sie.fiscal_years
        if not years:
            return 0  # without #RAR every voucher belongs to "the" year
        for fy in years.values():
            if fy.start <= date <= fy.end:
                return fy.index
        return None

    def _objects(self, fields: list[Field], i: int, label: str, lineno: int) -> RawObjects:
        v = fields[i]
        if not isinstance(v, tuple):
            raise SieError(lineno, f"#{label} ska ha en objektlista {{…}} som fält {i + 2}.")
        return _pairs(v, lineno)

    def _dec_objects(self, objs: RawObjects, lineno: int) -> Objects:
        return _decode_objects(objs, self.decoder, lineno)

    # -- identity records -------------------------------------------------------------------

    def _r_FLAGGA(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "FLAGGA", lineno)
        self.sie.flag = self._int(fields, 0, lineno)

    def _r_PROGRAM(self, fields: list[Field], lineno: int) -> None:
        self.sie.program = self._text(fields, 0, lineno)
        self.sie.program_version = self._text(fields, 1, lineno)

    def _r_FORMAT(self, fields: list[Field], lineno: int) -> None:
        self.sie.format_declared = self._text(fields, 0, lineno)

    def _r_GEN(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "GEN", lineno)
        self.sie.generated = self._parse_date(self._raw(fields, 0, lineno), lineno)
        self.sie.generated_by = self._text(fields, 1, lineno)

    def _r_SIETYP(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "SIETYP", lineno)
        raw = self._raw(fields, 0, lineno)
        if raw not in (b"1", b"2", b"3", b"4"):
            raise SieError(lineno, f"Okänd SIE-typ '{self.decoder(raw)}' (1–4 finns).")
        self.sie.sie_type = int(raw)

    def _r_PROSA(self, fields: list[Field], lineno: int) -> None:
        self.sie.prosa = self._text(fields, 0, lineno)

    def _r_FTYP(self, fields: list[Field], lineno: int) -> None:
        self.sie.company_type = self._text(fields, 0, lineno)

    def _r_FNR(self, fields: list[Field], lineno: int) -> None:
        self.sie.company_id = self._text(fields, 0, lineno)

    def _r_ORGNR(self, fields: list[Field], lineno: int) -> None:
        self.sie.orgnr = self._text(fields, 0, lineno)

    def _r_BKOD(self, fields: list[Field], lineno: int) -> None:
        self.sie.industry_code = self._text(fields, 0, lineno)

    def _r_ADRESS(self, fields: list[Field], lineno: int) -> None:
        self.sie.address = tuple(self._text(fields, i, lineno) for i in range(4))

    def _r_FNAMN(self, fields: list[Field], lineno: int) -> None:
        self.sie.company_name = self._text(fields, 0, lineno)

    def _r_RAR(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "RAR", lineno)
        index = self._int(fields, 0, lineno)
        if len(fields) < 3 or not fields[1] or not fields[2]:
            # A year without dates says nothing; vouchers are placed by the other #RAR, or
            # by their own dates when there is none.
            self._deviation(
                "rar_dates",
                lineno,
                f"#RAR {index} saknar start- eller slutdatum och hoppades över.",
            )
            return
        start = self._parse_date(self._raw(fields, 1, lineno), lineno)
        end = self._parse_date(self._raw(fields, 2, lineno), lineno)
        if end < start:
            raise SieError(lineno, "#RAR slutar före sitt startdatum.")
        self.sie.fiscal_years[index] = FiscalYear(index, start, end)
        self._clear_dates()  # year indices of cached dates may change

    def _r_TAXAR(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "TAXAR", lineno)
        self.sie.tax_year = self._int(fields, 0, lineno)

    def _r_OMFATTN(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "OMFATTN", lineno)
        self.sie.period_end = self._parse_date(self._raw(fields, 0, lineno), lineno)

    def _r_KPTYP(self, fields: list[Field], lineno: int) -> None:
        self.sie.chart_type = self._text(fields, 0, lineno)

    def _r_VALUTA(self, fields: list[Field], lineno: int) -> None:
        self.sie.currency = self._text(fields, 0, lineno)

    # -- chart of accounts and objects --------------------------------------------------------

    def _account(self, fields: list[Field], label: str, lineno: int) -> Account:
        self._need(fields, 1, label, lineno)
        number = self._text(fields, 0, lineno)
        account = self.sie.accounts.get(number)
        if account is None:
            account = self.sie.accounts[number] = Account(number)
        return account

    def _r_KONTO(self, fields: list[Field], lineno: int) -> None:
        self._account(fields, "KONTO", lineno).name = self._text(fields, 1, lineno)

    def _r_KTYP(self, fields: list[Field], lineno: int) -> None:
        if len(fields) < 2:
            self._need(fields, 1, "KTYP", lineno)
            self._deviation(
                "ktyp_field",
                lineno,
                "#KTYP saknar kontotyp och hoppades över; kontot räknas som balans- eller "
                "resultatkonto efter sitt nummer.",
            )
            return
        self._account(fields, "KTYP", lineno).type = self._text(fields, 1, lineno).upper()

    def _r_ENHET(self, fields: list[Field], lineno: int) -> None:
        self._account(fields, "ENHET", lineno).unit = self._text(fields, 1, lineno)

    def _r_SRU(self, fields: list[Field], lineno: int) -> None:
        if len(fields) < 2:
            self._need(fields, 1, "SRU", lineno)
            self._deviation("sru_field", lineno, "#SRU saknar SRU-kod och hoppades över.")
            return
        self._account(fields, "SRU", lineno).sru.append(self._text(fields, 1, lineno))

    def _r_DIM(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 1, "DIM", lineno)
        number = self._text(fields, 0, lineno)
        self.sie.dimensions[number] = Dimension(number, self._text(fields, 1, lineno))

    def _r_UNDERDIM(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 3, "UNDERDIM", lineno)
        number = self._text(fields, 0, lineno)
        self.sie.dimensions[number] = Dimension(
            number, self._text(fields, 1, lineno), self._text(fields, 2, lineno)
        )

    def _r_OBJEKT(self, fields: list[Field], lineno: int) -> None:
        self._need(fields, 2, "OBJEKT", lineno)
        key = (self._text(fields, 0, lineno), self._text(fields, 1, lineno))
        self.sie.objects[key] = self._text(fields, 2, lineno)

    # -- balances -------------------------------------------------------------------------

    def _balance(self, fields: list[Field], label: str, target: dict, lineno: int) -> None:
        self._need(fields, 3, label, lineno)
        key = (self._int(fields, 0, lineno), self._text(fields, 1, lineno))
        target[key] = target.get(key, ZERO) + _amount(self._raw(fields, 2, lineno), lineno)
        self.row_lines[(label, key)] = lineno

    def _r_IB(self, fields: list[Field], lineno: int) -> None:
        self._balance(fields, "IB", self.sie.ib, lineno)

    def _r_UB(self, fields: list[Field], lineno: int) -> None:
        self._balance(fields, "UB", self.sie.ub, lineno)

    def _r_RES(self, fields: list[Field], lineno: int) -> None:
        self._balance(fields, "RES", self.sie.res, lineno)

    def _object_balance(self, fields: list[Field], label: str, target: dict, lineno: int) -> None:
        self._need(fields, 4, label, lineno)
        objs = self._dec_objects(self._objects(fields, 2, label, lineno), lineno)
        key = (self._int(fields, 0, lineno), self._text(fields, 1, lineno), objs)
        target[key] = target.get(key, ZERO) + _amount(self._raw(fields, 3, lineno), lineno)
        self.row_lines[(label, key)] = lineno

    def _r_OIB(self, fields: list[Field], lineno: int) -> None:
        self._object_balance(fields, "OIB", self.sie.oib, lineno)

    def _r_OUB(self, fields: list[Field], lineno: int) -> None:
        self._object_balance(fields, "OUB", self.sie.oub, lineno)

    def _period(self, fields: list[Field], label: str, target: dict, lineno: int) -> None:
        if len(fields) >= 4 and not isinstance(fields[3], tuple):
            # Written without its object list: the amount is unambiguous, read it as {}.
            fields = [*fields[:3], (), *fields[3:]]
            self._deviation(
                f"{label.lower()}_objects",
                lineno,
                f"#{label} saknar objektlistan {{}} och lästes som om den vore tom.",
            )
        self._need(fields, 5, label, lineno)
        period = self._raw(fields, 1, lineno)
        if len(period) != 6 or not period.isdigit() or not 1 <= int(period[4:]) <= 12:
            raise SieError(lineno, f"Perioden '{self.decoder(period)}' ska vara ÅÅÅÅMM.")
        objs = self._dec_objects(self._objects(fields, 3, label, lineno), lineno)
        key = (self._int(fields, 0, lineno), int(period), self._text(fields, 2, lineno), objs)
        target[key] = target.get(key, ZERO) + _amount(self._raw(fields, 4, lineno), lineno)
        self.row_lines[(label, key)] = lineno

    def _r_PSALDO(self, fields: list[Field], lineno: int) -> None:
        self._period(fields, "PSALDO", self.sie.psaldo, lineno)

    def _r_PBUDGET(self, fields: list[Field], lineno: int) -> None:
        self._period(fields, "PBUDGET", self.sie.pbudget, lineno)
