"""What the reader returns: plain dataclasses, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Objects = tuple[tuple[str, str], ...]
"""An object list: ``(dimension, object)`` pairs sorted, so a combination has one spelling.
``()`` is the empty list ``{}``."""

ERROR = "error"
WARNING = "warning"


@dataclass(slots=True, frozen=True)
class Finding:
    """Something a check found: the file was read, but does not add up."""

    code: str
    severity: str  # ERROR or WARNING
    line: int  # 1-based; 0 when the finding is about the file as a whole
    message: str  # Swedish, for the user
    expected: Decimal | None = None
    actual: Decimal | None = None


@dataclass(slots=True, frozen=True)
class FiscalYear:
    """A #RAR row: index 0 is the current year, -1 the one before."""

    index: int
    start: dt.date
    end: dt.date


@dataclass(slots=True)
class Account:
    number: str
    name: str = ""
    type: str = ""  # #KTYP: T tillgång, S skuld, I intäkt, K kostnad; "" when not given
    unit: str = ""  # #ENHET
    sru: list[str] = field(default_factory=list)

    @property
    def is_balance(self) -> bool:
        """Balance (T/S) or result (I/K) account; by BAS number class when #KTYP is absent."""
        if self.type:
            return self.type in ("T", "S")
        return self.number[:1] in ("1", "2")


@dataclass(slots=True)
class Dimension:
    number: str
    name: str = ""
    parent: str | None = None  # #UNDERDIM's superior dimension


@dataclass(slots=True)
class Voucher:
    """A #VER header (the rows are not kept: they are aggregated as they are read)."""

    series: str
    number: str
    date: dt.date
    text: str
    line: int
    registered: dt.date | None = None
    signature: str = ""


@dataclass(slots=True)
class SieFile:
    """Everything :func:`read` learnt from one SIE file.

    Balance dicts are keyed by plain tuples so they are cheap and easy to look up:
    ``ib``/``ub``/``res``: ``(year index, account)``; ``oib``/``oub``:
    ``(year index, account, objects)``; ``psaldo``/``pbudget``:
    ``(year index, yyyymm, account, objects)``; ``trans_sums``:
    ``(year index, account, yyyymm, objects)`` where the month and year are the voucher
    date's and ``objects`` is the exact combination on the #TRANS row. Vouchers dated
    outside every #RAR year get year index ``None``.
    """

    source: str = ""
    encoding: str = "cp437"
    encoding_reason: str = ""
    format_declared: str | None = None
    sie_type: int | None = None
    sie_variant: str = ""  # "1", "2", "3", "4E" or "4I"
    flag: int | None = None
    program: str = ""
    program_version: str = ""
    generated: dt.date | None = None
    generated_by: str = ""
    prosa: str = ""
    company_type: str = ""  # #FTYP
    company_id: str = ""  # #FNR
    orgnr: str = ""
    industry_code: str = ""  # #BKOD
    address: tuple[str, ...] = ()
    company_name: str = ""
    tax_year: int | None = None
    period_end: dt.date | None = None  # #OMFATTN
    chart_type: str = ""  # #KPTYP
    currency: str = ""  # #VALUTA
    fiscal_years: dict[int, FiscalYear] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    ib: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    ub: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    res: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    oib: dict[tuple[int, str, Objects], Decimal] = field(default_factory=dict)
    oub: dict[tuple[int, str, Objects], Decimal] = field(default_factory=dict)
    psaldo: dict[tuple[int, int, str, Objects], Decimal] = field(default_factory=dict)
    pbudget: dict[tuple[int, int, str, Objects], Decimal] = field(default_factory=dict)
    trans_sums: dict[tuple[int | None, str, int, Objects], Decimal] = field(default_factory=dict)
    voucher_years: set[int | None] = field(default_factory=set)
    object_convention: str = ""  # "total+per-object" or "exact-combination" when decided
    ksumma_expected: int | None = None
    ksumma_computed: int | None = None
    findings: list[Finding] = field(default_factory=list)
    findings_dropped: int = 0  # beyond MAX_FINDINGS, counted but not kept
    checks_run: list[str] = field(default_factory=list)

    @property
    def checks_passed(self) -> list[str]:
        """The checks that ran and found nothing."""
        failed = {f.code for f in self.findings}
        return [c for c in self.checks_run if c not in failed]

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    def account_name(self, number: str) -> str:
        account = self.accounts.get(number)
        return account.name if account else ""
