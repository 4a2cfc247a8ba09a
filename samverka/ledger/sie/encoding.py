"""Deciding which encoding a SIE file really uses.

The standard says IBM PC 8-bit (``#FORMAT PC8``, Python's cp437). Real files also come as
UTF-8, or with Latin-1 (Windows-1252) bytes while still declaring PC8. The declaration is
therefore not trusted; the bytes decide:

1. Only the first ``SNIFF_BYTES`` of the file are examined (completed to a whole line), so
   memory stays constant.
2. No bytes above 0x7F there: every candidate reads the head the same; the standard's cp437
   is chosen, and later lines fall back per field (see :class:`TextDecoder`).
3. The head decodes as UTF-8 and has multi-byte sequences: UTF-8. Swedish text in cp437 or
   Latin-1 is practically never valid UTF-8 (å in Latin-1 is 0xE5, a lead byte that needs
   two continuation bytes; cp437's å 0x86 is a bare continuation byte).
4. Otherwise count the bytes of the Swedish letters åäöÅÄÖ in each 8-bit encoding: Latin-1
   0xE5 0xE4 0xF6 0xC5 0xC4 0xD6 against cp437 0x86 0x84 0x94 0x8F 0x8E 0x99. The larger
   count wins; a tie goes to cp437, the standard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SNIFF_BYTES = 64 * 1024

LATIN1_SWEDISH = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6")
CP437_SWEDISH = frozenset(b"\x86\x84\x94\x8f\x8e\x99")


def decide_encoding(head: bytes) -> tuple[str, str]:
    """Return ``(codec name, Swedish reason)`` for the first bytes of a file."""
    if head.isascii():
        return "cp437", (
            "Inga tecken utanför ASCII i filens början; standardens PC8 (cp437) antas."
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", "Filens början är giltig UTF-8 med tecken utanför ASCII."
    latin1 = sum(1 for b in head if b in LATIN1_SWEDISH)
    cp437 = sum(1 for b in head if b in CP437_SWEDISH)
    if latin1 > cp437:
        return "latin-1", (
            f"Inte UTF-8; {latin1} byte som är åäöÅÄÖ i Latin-1 mot {cp437} i PC8 (cp437)."
        )
    return "cp437", f"Inte UTF-8; {cp437} byte som är åäöÅÄÖ i PC8 (cp437) mot {latin1} i Latin-1."


@dataclass(slots=True)
class TextDecoder:
    """Decodes text fields with the decided encoding, falling back per field.

    A UTF-8 decision can meet an 8-bit field past the sniffed head; that field is then
    decoded by the Swedish-letter count of its own bytes, and the first such line is noted
    in ``fallback_lines`` so the reader can report it. A cp437 decision taken on an ASCII-only
    head can likewise meet a later UTF-8 field, which is then read as UTF-8.
    """

    encoding: str
    ascii_head: bool = False
    fallback_lines: list[int] = field(default_factory=list)
    _cache: dict[bytes, str] = field(default_factory=dict)

    def __call__(self, raw: bytes, lineno: int = 0) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        text = self._decode(raw, lineno)
        if len(self._cache) < 10_000:  # names repeat (objects, texts); bounded memory
            self._cache[raw] = text
        return text

    def _decode(self, raw: bytes, lineno: int) -> str:
        if self.encoding == "utf-8":
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                self._note(lineno)
                encoding, _ = decide_encoding(raw)
                return raw.decode("cp437" if encoding == "utf-8" else encoding)
        if self.ascii_head:
            # Nothing was decided from evidence: let this field's own bytes decide.
            encoding, _ = decide_encoding(raw)
            if encoding != self.encoding:
                self._note(lineno)
            return raw.decode(encoding)
        return raw.decode(self.encoding)

    def _note(self, lineno: int) -> None:
        if len(self.fallback_lines) < 100:
            self.fallback_lines.append(lineno)

    def to_cp437(self, raw: bytes) -> bytes:
        """The bytes #KSUMMA's checksum is defined over (the standard's cp437)."""
        if raw.isascii() or self.encoding == "cp437":
            return raw
        return self(raw).encode("cp437", "replace")
