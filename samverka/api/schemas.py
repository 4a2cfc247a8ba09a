"""Types every router shares: money and other decimals as JSON strings, the error bodies, and
the response tables of an operation.

Money never passes through float: an amount is a JSON string with exactly two decimals
("-6011000.00"), both ways; the schema says so with a pattern. Other exact decimals (rates,
indicator values) are JSON strings too, with the decimals the database keeps.
"""

from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, PlainSerializer, WithJsonSchema, create_model

from samverka.lib.money import ORE, round_kronor

MONEY_PATTERN = r"^-?\d+\.\d{2}$"
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"
SLUG_PATTERN = r"^[a-z0-9-]+$"


def money_text(value: Decimal) -> str:
    """An amount for JSON: kronor with two decimals, never a float ("-6011000.00")."""
    return f"{round_kronor(Decimal(value), ORE):f}"


def decimal_text(value: Decimal) -> str:
    """An exact decimal for JSON, as stored ("42.6500")."""
    return f"{Decimal(value):f}"


Money = Annotated[
    Decimal,
    PlainSerializer(money_text, return_type=str, when_used="always"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "decimal",
            "pattern": MONEY_PATTERN,
            "description": "Belopp i kronor med två decimaler, som text (aldrig flyttal). "
            "Kostnader är negativa.",
            "examples": ["-6011000.00"],
        }
    ),
]

DecimalText = Annotated[
    Decimal,
    PlainSerializer(decimal_text, return_type=str, when_used="always"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "decimal",
            "pattern": DECIMAL_PATTERN,
            "description": "Exakt decimaltal som text.",
            "examples": ["42.6500"],
        }
    ),
]


def address(obj) -> str | None:
    """An object's address in the API where it has no path of its own: its code, or its id
    when it has none (a decision registered on a page)."""
    if obj is None:
        return None
    return getattr(obj, "code", None) or str(obj.pk)


class LinkOut(Schema):
    """A generic link (what a decision decides, what an activity serves)."""

    kind: str  # "goals.indicator", "portfolio.project", …
    ref: str | None
    label: str

    @staticmethod
    def of(link) -> dict:
        return {
            "kind": f"{link.content_type.app_label}.{link.content_type.model}",
            "ref": address(link.target),
            "label": link.label or str(link.target),
        }


class FieldError(Schema):
    field: str | None  # the request's field at fault; null for the request as a whole
    message: str


class Error(Schema):
    """Every refusal: a Swedish sentence, and the fields at fault (if any)."""

    detail: str
    errors: list[FieldError] = []


class Input(Schema):
    """Request bodies refuse fields they do not know, so a misspelt name is not ignored."""

    model_config = ConfigDict(extra="forbid")


def conflict_schema(out: type[Schema]) -> type[Schema]:
    """409: someone else saved first; `current` is the object as it is now (null when it has
    been deleted), with the version to send next time."""
    return create_model(
        f"{out.__name__}Conflict",
        __base__=Schema,
        detail=(str, ...),
        current=(out | None, ...),
    )


READ_ERRORS = {401: Error, 403: Error, 404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


def read_responses(out: Any, status: int = 200) -> dict[int, Any]:
    return {status: out, **READ_ERRORS}


def write_responses(out: Any, *statuses: int) -> dict[int, Any]:
    """The responses of a write: its success statuses, the refusals, and 409 with the object."""
    responses: dict[int, Any] = {status: None if status == 204 else out for status in statuses}
    responses.update(WRITE_ERRORS)
    responses[409] = conflict_schema(out) if out is not None else Error
    return responses
