"""Write a realistic SIE 4E file with N #TRANS rows, for benchmarking the reader.

Usage: python benchmarks/sie_generate.py N OUT

A municipal federation's year: a kommun-BAS-like chart of accounts, cost centres as
objects in dimension 1, vouchers of 2-6 rows that balance to zero, dates over one year,
and #IB/#UB/#RES/#PSALDO that agree with the vouchers (so every check runs and passes).
Balance-sheet rows carry `{}`, result rows a cost centre `{1 "110"}`. Written in cp437 as
the standard says. Deterministic: the same N gives the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

YEAR = 2025
BALANCE_ACCOUNTS = {
    "1930": "Bank, koncernkonto",
    "1510": "Kundfordringar",
    "1640": "Momsfordran",
    "2440": "Leverantörsskulder",
    "2710": "Personalens källskatt",
    "2730": "Lagstadgade sociala avgifter",
    "2920": "Upplupna semesterlöner",
}
RESULT_ACCOUNTS = {
    "3511": "Taxor och avgifter, räddningstjänst",
    "3611": "Hyresintäkter lokaler",
    "3911": "Medlemsavgifter från kommuner",
    "4511": "Statsbidrag",
    "5011": "Månadslön tillsvidareanställda",
    "5411": "Förbrukningsinventarier",
    "5611": "Bränsle, fordon",
    "6110": "Kontorsmaterial",
    "6212": "Mobiltelefoni",
    "6410": "Revisionsarvode",
    "7010": "Löner till kollektivanställda",
    "7510": "Arbetsgivaravgifter",
    "8410": "Räntekostnader",
}
COST_CENTRES = {
    "100": "Förbundsledning",
    "110": "Räddningstjänst Älvstad",
    "120": "Räddningstjänst Åby",
    "130": "Räddningstjänst Östra",
    "200": "Överförmyndare",
    "300": "IT och växel",
}
SERIES = ("A", "B", "C", "L")


def vouchers(
    n_rows: int,
) -> Iterator[tuple[str, int, dt.date, str, list[tuple[str, str, Decimal]]]]:
    """Yield (series, number, date, text, rows) until n_rows #TRANS rows are produced."""
    rnd = random.Random(n_rows)  # noqa: S311 - test data, not security
    balance = list(BALANCE_ACCOUNTS)
    result = list(RESULT_ACCOUNTS)
    centres = list(COST_CENTRES)
    numbers = dict.fromkeys(SERIES, 0)
    produced = 0
    start = dt.date(YEAR, 1, 1)
    while produced < n_rows:
        size = min(rnd.randint(2, 6), n_rows - produced)
        if size < 2:  # the last voucher would have one row: pad with a zero-sum pair
            size = 2
        rows: list[tuple[str, str, Decimal]] = []
        total = Decimal(0)
        for _ in range(size - 1):
            amount = Decimal(rnd.randint(-5_000_000, 5_000_000)) / 100
            account = rnd.choice(result)
            rows.append((account, rnd.choice(centres), amount))
            total += amount
        rows.append((rnd.choice(balance), "", -total))  # the bank/liability row balances
        series = rnd.choice(SERIES)
        numbers[series] += 1
        date = start + dt.timedelta(days=rnd.randrange(365))
        yield series, numbers[series], date, f"Underlag {numbers[series]} {series}", rows
        produced += size


def write(n_rows: int, out: Path) -> None:
    # Pass 1: the sums the balance records must carry (a few hundred keys, not the rows).
    year_sum: dict[str, Decimal] = defaultdict(Decimal)
    month_sum: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    object_month: dict[tuple[str, int, str], Decimal] = defaultdict(Decimal)
    for _s, _n, date, _t, rows in vouchers(n_rows):
        month = date.year * 100 + date.month
        for account, centre, amount in rows:
            year_sum[account] += amount
            month_sum[(account, month)] += amount
            if centre:
                object_month[(account, month, centre)] += amount
    rnd = random.Random(0)  # noqa: S311 - test data, not security
    ib = {a: Decimal(rnd.randint(0, 10_000_000)) for a in BALANCE_ACCOUNTS}
    ib["2440"] = -sum((v for k, v in ib.items() if k != "2440"), Decimal(0))  # IB balances
    # Pass 2: write, regenerating the same vouchers.
    with out.open("w", encoding="cp437", newline="\r\n") as f:
        w = f.write
        w("#FLAGGA 0\n")
        w('#PROGRAM "Samverka sie_generate" 1.0\n#FORMAT PC8\n')
        w(f"#GEN {YEAR + 1}0115\n#SIETYP 4\n")
        w('#FNAMN "Räddningstjänstförbundet Älvstad-Åby"\n')
        w("#ORGNR 222000-0000\n#FTYP KF\n")
        w(f"#RAR 0 {YEAR}0101 {YEAR}1231\n#RAR -1 {YEAR - 1}0101 {YEAR - 1}1231\n")
        w("#KPTYP BAS2025\n#VALUTA SEK\n")
        for number, name in {**BALANCE_ACCOUNTS, **RESULT_ACCOUNTS}.items():
            w(f'#KONTO {number} "{name}"\n')
            w(f"#KTYP {number} {'T' if number < '2' else 'S' if number < '3' else 'K'}\n")
        w('#DIM 1 "Ansvar"\n')
        for centre, name in COST_CENTRES.items():
            w(f'#OBJEKT 1 "{centre}" "{name}"\n')
        for account in BALANCE_ACCOUNTS:
            w(f"#IB 0 {account} {ib[account]:.2f}\n")
            w(f"#UB 0 {account} {ib[account] + year_sum[account]:.2f}\n")
        for account in RESULT_ACCOUNTS:
            w(f"#RES 0 {account} {year_sum[account]:.2f}\n")
        for (account, month), amount in sorted(month_sum.items()):
            w(f"#PSALDO 0 {month} {account} {{}} {amount:.2f}\n")
        for (account, month, centre), amount in sorted(object_month.items()):
            w(f'#PSALDO 0 {month} {account} {{1 "{centre}"}} {amount:.2f}\n')
        for series, number, date, text, rows in vouchers(n_rows):
            d = date.strftime("%Y%m%d")
            w(f'#VER {series} {number} {d} "{text}" {d}\n{{\n')
            for account, centre, amount in rows:
                objects = f'{{1 "{centre}"}}' if centre else "{}"
                w(f"   #TRANS {account} {objects} {amount:.2f} {d}\n")
            w("}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of #TRANS rows")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write(args.n, args.out)


if __name__ == "__main__":
    main()
