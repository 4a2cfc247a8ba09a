"""The arithmetic checks, run once after the pass over the aggregated sums.

Each check has a code; it is listed in ``SieFile.checks_run`` when the file holds what it
needs, and its findings carry the same code, so ``checks_passed`` is the difference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from samverka.lib.money import format_kr

from .model import ERROR, Account, Objects, SieFile

if TYPE_CHECKING:
    from .reader import _Reader

ZERO = Decimal(0)
TOTAL = "total+per-object"  # {} is the total, a row per object sums every row tagged with it
EXACT = "exact-combination"  # Visma Avendo: a row per exact combination, {} the untagged rest

Mismatch = tuple[tuple, Decimal, Decimal]  # (row key, expected, actual)
RowLines = dict[tuple[str, tuple], int]  # (label, balance key) -> line it was read on


def objects_text(objs: Objects) -> str:
    if not objs:
        return "{}"
    return "{" + ", ".join(f"{d}:{o}" for d, o in objs) + "}"


def _expected(group: Iterable[tuple[Objects, Decimal]], objs: Objects, convention: str) -> Decimal:
    if convention == EXACT:
        return sum((a for c, a in group if c == objs), ZERO)
    wanted = set(objs)
    return sum((a for c, a in group if wanted.issubset(c)), ZERO)


def run_all(sie: SieFile, lines: RowLines, reader: _Reader) -> None:
    years = {y for y in sie.voucher_years if y is not None}
    if sie.counts.get("VER"):
        sie.checks_run.append("voucher_balance")
    if sie.counts.get("RTRANS"):
        sie.checks_run.append("rtrans_copy")

    def account(number: str) -> Account:
        return sie.accounts.get(number) or Account(number)

    # Year totals and month groups of #TRANS, from the aggregated sums.
    year_total: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    month_groups: dict[tuple[int, str, int], list[tuple[Objects, Decimal]]] = defaultdict(list)
    year_groups: dict[tuple[int, str], dict[Objects, Decimal]] = defaultdict(dict)
    for (year, acc, month, objs), amount in sie.trans_sums.items():
        if year is None:
            continue
        year_total[(year, acc)] += amount
        month_groups[(year, acc, month)].append((objs, amount))
        yg = year_groups[(year, acc)]
        yg[objs] = yg.get(objs, ZERO) + amount

    # #UB = #IB + the year's #TRANS, per balance account.
    ub_years = {y for (y, _a) in sie.ub} & years
    if ub_years:
        sie.checks_run.append("ub")
    for y in sorted(ub_years):
        accounts = {a for (yy, a) in (*sie.ib, *sie.ub) if yy == y}
        accounts |= {a for (yy, a) in year_total if yy == y and account(a).is_balance}
        for acc in sorted(accounts):
            expected = sie.ib.get((y, acc), ZERO) + year_total.get((y, acc), ZERO)
            actual = sie.ub.get((y, acc), ZERO)
            if expected != actual:
                line = lines.get(("UB", (y, acc)), 0)
                reader.finding(
                    "ub",
                    ERROR,
                    line,
                    f"Utgående balans för konto {acc} år {y}{_at(line)} stämmer inte: #UB är "
                    f"{format_kr(actual, 2)}, men #IB plus årets #TRANS ger "
                    f"{format_kr(expected, 2)}",
                    expected,
                    actual,
                )

    # #RES = the year's #TRANS, per result account.
    res_years = {y for (y, _a) in sie.res} & years
    if res_years:
        sie.checks_run.append("res")
    for y in sorted(res_years):
        accounts = {a for (yy, a) in sie.res if yy == y}
        accounts |= {a for (yy, a) in year_total if yy == y and not account(a).is_balance}
        for acc in sorted(accounts):
            expected = year_total.get((y, acc), ZERO)
            actual = sie.res.get((y, acc), ZERO)
            if expected != actual:
                line = lines.get(("RES", (y, acc)), 0)
                reader.finding(
                    "res",
                    ERROR,
                    line,
                    f"Resultat för konto {acc} år {y}{_at(line)} stämmer inte: #RES är "
                    f"{format_kr(actual, 2)}, men årets #TRANS ger {format_kr(expected, 2)}",
                    expected,
                    actual,
                )

    # #PSALDO = the month's #TRANS, under whichever object convention the file follows.
    psaldo_years = {k[0] for k in sie.psaldo} & years
    if psaldo_years:
        sie.checks_run.append("psaldo")
        results = {
            c: _psaldo_mismatches(sie, psaldo_years, month_groups, c) for c in (TOTAL, EXACT)
        }
        convention = min((TOTAL, EXACT), key=lambda c: len(results[c]))  # tie: TOTAL
        if any(objs for (*_k, objs) in sie.psaldo) or results[TOTAL] != results[EXACT]:
            sie.object_convention = convention
        for (y, month, acc, objs), expected, actual in results[convention]:
            line = lines.get(("PSALDO", (y, month, acc, objs)), 0)
            reader.finding(
                "psaldo",
                ERROR,
                line,
                f"Periodsaldo för konto {acc} {objects_text(objs)} period {month}{_at(line)} "
                f"stämmer inte: #PSALDO är {format_kr(actual, 2)}, men månadens #TRANS ger "
                f"{format_kr(expected, 2)}",
                expected,
                actual,
            )

    # #OUB = #OIB + the year's #TRANS tagged with the object(s).
    oub_years = {k[0] for k in sie.oub} & years
    if oub_years:
        sie.checks_run.append("oub")
        results = {c: _oub_mismatches(sie, oub_years, year_groups, c) for c in (TOTAL, EXACT)}
        convention = sie.object_convention or min((TOTAL, EXACT), key=lambda c: len(results[c]))
        sie.object_convention = sie.object_convention or convention
        for (y, acc, objs), expected, actual in results[convention]:
            line = lines.get(("OUB", (y, acc, objs)), 0)
            reader.finding(
                "oub",
                ERROR,
                line,
                f"Objektsaldo för konto {acc} {objects_text(objs)} år {y}{_at(line)} stämmer "
                f"inte: #OUB är {format_kr(actual, 2)}, men #OIB plus årets #TRANS ger "
                f"{format_kr(expected, 2)}",
                expected,
                actual,
            )

    # Years without vouchers (type 2 and 3 files, previous years): the #PSALDO rows of a year
    # must add up to #RES, or to #UB − #IB.
    _psaldo_year(sie, years, lines, reader, account)

    # #KSUMMA.
    if sie.ksumma_computed is not None:
        sie.checks_run.append("ksumma")
        if sie.ksumma_computed != sie.ksumma_expected:
            line = lines.get(("KSUMMA", ()), 0)
            reader.finding(
                "ksumma",
                ERROR,
                line,
                f"Kontrollsumman (#KSUMMA{_at(line)}) stämmer inte: filen anger "
                f"{sie.ksumma_expected}, innehållet ger {sie.ksumma_computed}. Filen har ändrats "
                "efter att den skrevs.",
                Decimal(sie.ksumma_expected or 0),
                Decimal(sie.ksumma_computed),
            )


def _at(line: int) -> str:
    return f" på rad {line}" if line else ""


def _psaldo_mismatches(
    sie: SieFile, years: set[int], month_groups: dict, convention: str
) -> list[Mismatch]:
    rows = {k: v for k, v in sie.psaldo.items() if k[0] in years}
    # Rows the file should have but lacks: a total (or combination) that #TRANS gives.
    for (y, acc, month), group in month_groups.items():
        if y not in years:
            continue
        wanted = [()] if convention == TOTAL else [objs for objs, amount in group if amount]
        for objs in wanted:
            rows.setdefault((y, month, acc, objs), ZERO)
    out: list[Mismatch] = []
    for key in sorted(rows):
        y, month, acc, objs = key
        expected = _expected(month_groups.get((y, acc, month), ()), objs, convention)
        if expected != rows[key]:
            out.append((key, expected, rows[key]))
    return out


def _oub_mismatches(
    sie: SieFile, years: set[int], year_groups: dict, convention: str
) -> list[Mismatch]:
    out: list[Mismatch] = []
    for key in sorted(k for k in sie.oub if k[0] in years):
        y, acc, objs = key
        group = year_groups.get((y, acc), {}).items()
        expected = sie.oib.get(key, ZERO) + _expected(group, objs, convention)
        if expected != sie.oub[key]:
            out.append((key, expected, sie.oub[key]))
    return out


def _psaldo_year(
    sie: SieFile,
    voucher_years: set[int],
    lines: RowLines,
    reader: _Reader,
    account: Callable[[str], Account],
) -> None:
    years = {k[0] for k in sie.psaldo} - voucher_years
    years = {y for y in years if any(k[0] == y for k in (*sie.res, *sie.ub))}
    if not years:
        return
    sie.checks_run.append("psaldo_year")
    sums: dict[str, dict[tuple[int, str], Decimal]] = {TOTAL: {}, EXACT: {}}
    for (y, _month, acc, objs), amount in sie.psaldo.items():
        if y in years:
            if not objs:
                sums[TOTAL][(y, acc)] = sums[TOTAL].get((y, acc), ZERO) + amount
            sums[EXACT][(y, acc)] = sums[EXACT].get((y, acc), ZERO) + amount
    results: dict[str, list[Mismatch]] = {}
    for convention, by_account in sums.items():
        out: list[Mismatch] = []
        for y, acc in sorted(by_account):
            if account(acc).is_balance:
                if (y, acc) not in sie.ub and (y, acc) not in sie.ib:
                    continue
                expected = sie.ub.get((y, acc), ZERO) - sie.ib.get((y, acc), ZERO)
            else:
                if (y, acc) not in sie.res:
                    continue
                expected = sie.res[(y, acc)]
            if expected != by_account[(y, acc)]:
                out.append(((y, acc), expected, by_account[(y, acc)]))
        results[convention] = out
    convention = min((TOTAL, EXACT), key=lambda c: len(results[c]))
    if not sie.object_convention and any(objs for (*_k, objs) in sie.psaldo):
        sie.object_convention = convention
    for (y, acc), expected, actual in results[convention]:
        line = lines.get(("RES", (y, acc))) or lines.get(("UB", (y, acc)), 0)
        reader.finding(
            "psaldo_year",
            ERROR,
            line,
            f"Periodsaldona för konto {acc} år {y} summerar till {format_kr(actual, 2)}, men årets "
            f"saldo enligt #RES eller #UB − #IB är {format_kr(expected, 2)}",
            expected,
            actual,
        )
