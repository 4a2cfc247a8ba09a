"""Money: Decimal kronor, one rounding rule, Swedish formatting and parsing.

Amounts are never floats. Parsing accepts what people paste from Swedish documents and
spreadsheets: "13 631 000", "-42 114 000", "1 234,50", "−317 000" (typographic minus).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ONE_KRONA = Decimal("1")
ORE = Decimal("0.01")
NBSP = "\u00a0"
MINUS = "\u2212"

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class AmountError(ValueError):
    """A text that is not an amount. The message is Swedish (this module knows nothing of
    Django, so the SIE reader may use it); forms say it in the active language themselves."""

    def __init__(self, message: str, text: object = None) -> None:
        super().__init__(message)
        self.text = text


def parse_amount(text: str | int | Decimal) -> Decimal:
    if isinstance(text, Decimal):
        return text
    if isinstance(text, bool | float):
        raise AmountError(f"Belopp måste anges exakt, inte som flyttal: {text!r}")
    if isinstance(text, int):
        return Decimal(text)
    cleaned = _SPACES.sub("", str(text)).replace(MINUS, "-").replace("–", "-")
    cleaned = cleaned.removesuffix("kr").removesuffix("kronor")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise AmountError(f"”{text}” är inte ett belopp", text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules this out
        raise AmountError(f"”{text}” är inte ett belopp", text) from exc


def round_kronor(amount: Decimal, exponent: Decimal = ONE_KRONA) -> Decimal:
    """Round half up, as Swedish public accounts do (not banker's rounding)."""
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int, decimals: int = 0) -> str:
    """Swedish grouping: non-breaking spaces between thousands, comma before decimals."""
    if isinstance(value, float | bool):
        raise TypeError("Belopp formateras från Decimal eller int, aldrig float")
    if not isinstance(value, int | Decimal):
        raise TypeError(f"Inte ett tal: {value!r}")
    quantized = round_kronor(Decimal(value), Decimal(1).scaleb(-decimals))
    sign = "-" if quantized < 0 else ""
    whole, _, fraction = f"{abs(quantized):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if decimals else f"{sign}{text}"


def format_as_written(value: Decimal) -> str:
    """A figure with the decimals it needs and no more, as a sentence writes it: 1.00 → "1",
    2.50 → "2,5"."""
    exponent = value.normalize().as_tuple().exponent
    return format_number(value, max(0, -exponent) if isinstance(exponent, int) else 0)


def format_kr(value: Decimal | int, decimals: int = 0) -> str:
    return f"{format_number(value, decimals)}{NBSP}kr"


def document_kr(value: Decimal | int, decimals: int = 0) -> str:
    """An amount as a generated document prints it in its text: format_kr with a real minus
    sign (U+2212), as wide as a digit and never broken from it, as the documents' tables
    print negative numbers."""
    text = format_kr(value, decimals)
    return MINUS + text[1:] if text.startswith("-") else text


def format_tkr(value: Decimal | int) -> str:
    return f"{format_number(Decimal(value) / 1000)}{NBSP}tkr"


def format_percent(value: Decimal, decimals: int = 1) -> str:
    return f"{format_number(value, decimals)}{NBSP}%"
