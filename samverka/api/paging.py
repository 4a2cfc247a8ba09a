"""Paging for every list: limit/offset with a maximum, `{"items": [...], "count": N, "next":
…, "previous": …}`; `next` and `previous` are the addresses of the neighbouring pages with the
request's own filters, null at either end."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    params = request.GET.copy()
    params["limit"] = str(limit)
    params["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


class Paging(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT,
            ge=1,
            le=MAX_LIMIT,
            description=f"Högst så många poster (1–{MAX_LIMIT}, utan angivet {DEFAULT_LIMIT}).",
        )
        offset: int = Field(0, ge=0, le=1_000_000_000, description="Hoppa över så många poster.")

    class Output(Schema):
        items: list[Any]
        count: int = Field(..., description="Så många poster finns med dessa filter.")
        next: str | None = Field(
            ..., description="Adressen till nästa sida, med samma filter; null på sista sidan."
        )
        previous: str | None = Field(
            ..., description="Adressen till föregående sida; null på första sidan."
        )

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> Any:
        offset = pagination.offset
        limit = min(pagination.limit, self.max_limit)
        count = self._items_count(queryset)
        return {
            "items": queryset[offset : offset + limit],
            "count": count,
            "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
            "previous": _page_url(request, max(0, offset - limit), limit) if offset > 0 else None,
        }
