"""Path and query parameters with the bounds the database can answer: an out-of-range year or
a code with characters no code has is refused as 422, never a server error.

Each function returns an annotated type for a parameter, e.g. `code: CodePath("Enhetens kod.")`.
"""

from typing import Annotated, Any
from uuid import UUID

from ninja import Path, Query

from samverka.api.schemas import SLUG_PATTERN

YEAR = {"ge": 1, "le": 9999}
CODE = {"pattern": SLUG_PATTERN, "max_length": 80}
MUNICIPALITY = {"pattern": r"^\d{4}$"}
TEXT = {"pattern": r"^[^\x00]*$", "max_length": 200}


def YearPath(description: str = "Året, t.ex. 2026.") -> Any:  # noqa: N802
    return Annotated[int, Path(..., description=description, **YEAR)]


def IntPath(description: str) -> Any:  # noqa: N802
    return Annotated[int, Path(..., description=description, ge=1, le=32767)]


def CodePath(description: str) -> Any:  # noqa: N802
    return Annotated[str, Path(..., description=description, **CODE)]


def KeyPath(description: str) -> Any:  # noqa: N802
    return Annotated[UUID, Path(..., description=description)]


def MunicipalityPath(description: str = "Kommunkoden, fyra siffror (t.ex. 1496).") -> Any:  # noqa: N802
    return Annotated[str, Path(..., description=description, **MUNICIPALITY)]


def YearQuery(description: str = "Bara detta år.") -> Any:  # noqa: N802
    return Annotated[int | None, Query(None, description=description, **YEAR)]


def CodeQuery(description: str) -> Any:  # noqa: N802
    return Annotated[str | None, Query(None, description=description, **CODE)]


def TextQuery(description: str) -> Any:  # noqa: N802
    return Annotated[str | None, Query(None, description=description, **TEXT)]


def ChoiceQuery(description: str, choices: list[str]) -> Any:  # noqa: N802
    pattern = "^(" + "|".join(choices) + ")$"
    return Annotated[str | None, Query(None, description=description, pattern=pattern)]
