"""Streaming reader for SIE files (types 1–4, 4E and 4I), without Django.

API::

    from samverka.ledger.sie import read, iter_records, SieError

    sie = read(path_or_binary_file, on_progress=None)   # -> SieFile
    sie.encoding, sie.encoding_reason                     # decided from the bytes, and why
    sie.counts["TRANS"], sie.accounts["1930"].name, sie.fiscal_years[0].start
    sie.ub[(0, "1930")], sie.psaldo[(0, 201103, "1510", ())]
    sie.trans_sums[(0, "3010", 201001, (("1", "1"),))]  # #TRANS summed while streaming
    sie.findings                                          # Finding(code, severity, line, ...)
    sie.checks_passed                                     # checks that ran and found nothing

    for record in iter_records(path):                     # Record(line, label, fields)
        ...

:func:`read` makes one pass, line by line, and keeps sums, never the rows: memory depends
on the number of accounts × months × object combinations, not on the file's length.
Structural damage (truncated voucher, bad amount or date, unknown SIE type) raises
:class:`SieError` with a line number and a Swedish reason; sums that do not add up become
findings. See README.md beside this file for the encoding decision and the checks.
"""

from .errors import SieError
from .model import (
    ERROR,
    WARNING,
    Account,
    Dimension,
    Finding,
    FiscalYear,
    Objects,
    SieFile,
)
from .reader import Record, iter_records, read

__all__ = [
    "ERROR",
    "WARNING",
    "Account",
    "Dimension",
    "Finding",
    "FiscalYear",
    "Objects",
    "Record",
    "SieError",
    "SieFile",
    "iter_records",
    "read",
]
