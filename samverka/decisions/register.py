"""The decision register's filter: the one query the register page and its downloads share."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import QueryDict

from samverka.decisions.models import Decision


@dataclass(frozen=True, slots=True)
class Filter:
    """Search text (title, text, § number), body code and year, as the register's GET form."""

    query: str = ""
    body_code: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, params: QueryDict) -> "Filter":
        year = params.get("ar", "")
        return cls(
            query=params.get("q", "").strip(),
            body_code=params.get("organ", ""),
            year=int(year) if year.isdigit() else None,
        )


def decisions(criteria: Filter) -> QuerySet[Decision]:
    found = Decision.objects.select_related("body", "meeting").prefetch_related(
        "links__content_type", "agenda_items__matter"
    )
    if criteria.query:
        q = criteria.query
        found = found.filter(Q(title__icontains=q) | Q(text__icontains=q) | Q(number__icontains=q))
    if criteria.body_code:
        found = found.filter(body__code=criteria.body_code)
    if criteria.year is not None:
        found = found.filter(date__year=criteria.year)
    return found
