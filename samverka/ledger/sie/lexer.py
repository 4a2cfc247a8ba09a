"""Splitting one SIE line into fields, on bytes.

Fields are split before decoding: every character with a meaning in the grammar
(space, tab, ``"``, ``\\``, ``{``, ``}``) is ASCII, and ASCII bytes never occur inside a
multi-byte UTF-8 sequence nor mean anything else in cp437 or Latin-1, so splitting bytes is
correct whatever the encoding turns out to be.
"""

from __future__ import annotations

import re

from .errors import SieError

# A field is a quoted string (an unclosed quote runs to the end of the line: lenient, the
# text is still usable), a brace, or a run of anything else up to whitespace.
_TOKEN = re.compile(rb'"((?:[^"\\]|\\.)*)(?:"|$)|([{}])|([^\s"{}]+)')

Field = bytes | tuple[bytes, ...]
"""A plain field, or the contents of a ``{...}`` object list as a flat tuple."""


def split_fields(line: bytes, lineno: int = 0) -> list[Field]:
    """Split a stripped line into fields; ``{...}`` becomes a tuple of its inner fields.

    Quoted fields lose their quotes and ``\\"`` becomes ``"``; ``""`` stays an empty field in
    its place, so positional fields after it keep their positions.
    """
    if b'"' not in line and b"{" not in line and b"}" not in line:
        return line.split()  # the common case, and much faster than the regex
    fields: list[Field] = []
    inner: list[bytes] | None = None
    for quoted, brace, bare in _TOKEN.findall(line):
        if brace == b"{":
            if inner is not None:
                raise SieError(lineno, "Objektlista inne i en objektlista ({ inom { }).")
            inner = []
            continue
        if brace == b"}":
            if inner is None:
                raise SieError(lineno, "Avslutande } utan inledande { på raden.")
            fields.append(tuple(inner))
            inner = None
            continue
        # findall cannot tell an empty quoted field from "no quoted group"; a match with no
        # brace and no bare text is by construction a quoted field.
        value = bare or (quoted.replace(b'\\"', b'"') if b"\\" in quoted else quoted)
        (fields if inner is None else inner).append(value)
    if inner is not None:
        raise SieError(lineno, "Objektlistan saknar avslutande } på raden.")
    return fields


def flatten(fields: list[Field]) -> bytes:
    """Field contents run together, as #KSUMMA's checksum sees them."""
    return b"".join(b"".join(f) if isinstance(f, tuple) else f for f in fields)
