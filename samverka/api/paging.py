"""Paging for every list: limit/offset with a maximum, `{"items": [...], "count": N}`."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class Paging(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Högst så många poster (1–500)."
        )
        offset: int = Field(0, ge=0, le=1_000_000_000, description="Hoppa över så många poster.")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
