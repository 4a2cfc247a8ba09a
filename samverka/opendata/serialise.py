"""An open data set as JSON text: amounts as JSON numbers, exactly.

Python's json module writes a Decimal only as a string or through float; a float would turn
0.1 öre errors into published figures. This writer prints a Decimal's own digits: whole kronor
as an integer ("64295000"), öre and per cent with their decimals ("50.55", "42.65").
"""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

INDENT = "  "


def _scalar(value: Any) -> str:
    if isinstance(value, Promise):  # a translatable label
        value = str(value)
    if value is None or isinstance(value, bool | str | int):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"Inte ett tal: {value!r}")
        if value == value.to_integral_value():
            return str(int(value))
        return format(value, "f")
    if isinstance(value, datetime.date):
        return json.dumps(value.isoformat())
    raise TypeError(f"Kan inte skriva {value!r} som JSON")


def dumps(value: Any, depth: int = 0, *, expand: int = 2) -> str:
    """JSON text; containers down to `expand` levels are spread over lines, deeper ones (a row)
    stay on one line, so that a person can read the file and a diff shows the changed row."""
    if isinstance(value, dict):
        parts = [
            f"{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, depth + 1, expand=expand)}"
            for k, v in value.items()
        ]
        return _join("{", parts, "}", depth, expand)
    if isinstance(value, list | tuple):
        return _join("[", [dumps(v, depth + 1, expand=expand) for v in value], "]", depth, expand)
    return _scalar(value)


def _join(start: str, parts: list[str], end: str, depth: int, expand: int) -> str:
    if not parts:
        return start + end
    if depth >= expand:
        return start + ", ".join(parts) + end
    inner = INDENT * (depth + 1)
    return start + "\n" + ",\n".join(inner + p for p in parts) + "\n" + INDENT * depth + end
