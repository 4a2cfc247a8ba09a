"""The decision register: by body, year and text, each decision with what it decides."""

import datetime
from typing import Annotated

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema
from ninja.pagination import paginate

from samverka.api import access
from samverka.api.errors import not_found
from samverka.api.paging import Paging
from samverka.api.params import CODE, ChoiceQuery, CodeQuery, TextQuery, YearQuery
from samverka.api.schemas import LinkOut, address, read_responses
from samverka.decisions.models import Decision

router = Router(tags=["Beslut"])


class MeetingRef(Schema):
    body: str
    date: datetime.date


class DecisionOut(Schema):
    ref: str  # the code, or the id of a decision without one: its address in /decisions/{ref}
    code: str | None
    status: str
    body: str | None
    number: str
    date: datetime.date
    title: str
    text: str
    source: str
    meeting: MeetingRef | None
    links: list[LinkOut]  # what the decision decides
    version: int

    @staticmethod
    def resolve_ref(obj: Decision) -> str:
        return address(obj)

    @staticmethod
    def resolve_body(obj: Decision) -> str | None:
        return obj.body.code if obj.body_id else None

    @staticmethod
    def resolve_meeting(obj: Decision) -> dict | None:
        if not obj.meeting_id:
            return None
        return {"body": obj.meeting.body.code, "date": obj.meeting.date}

    @staticmethod
    def resolve_links(obj: Decision) -> list[dict]:
        return [LinkOut.of(link) for link in obj.links.all()]


def _decisions():
    return (
        Decision.objects.filter(federation=access.federation())
        .select_related("body", "meeting__body")
        .prefetch_related("links__content_type", "links__target")
    )


@router.get("/decisions", response=read_responses(list[DecisionOut]), summary="Beslut")
@paginate(Paging)
def decision_list(
    request,
    body: CodeQuery("Bara organets beslut (organets kod).") = None,
    year: YearQuery("Bara beslut detta år.") = None,
    status: ChoiceQuery("Fattade eller planerade beslut.", list(Decision.Status.values)) = None,
    q: TextQuery("Sök i rubrik, beslutstext och paragraf.") = None,
):
    """The register, latest first, as on the decisions page."""
    access.reader(request)
    found = _decisions()
    if body is not None:
        found = found.filter(body__code=body)
    if year is not None:
        found = found.filter(date__year=year)
    if status is not None:
        found = found.filter(status=status)
    if q:
        found = found.filter(Q(title__icontains=q) | Q(text__icontains=q) | Q(number__icontains=q))
    return found.order_by("-date", "number", "pk")


@router.get("/decisions/{ref}", response=read_responses(DecisionOut), summary="Ett beslut")
def decision_detail(
    request,
    ref: Annotated[
        str, Path(..., description="Beslutets kod, eller dess id om det saknar kod.", **CODE)
    ],
):
    access.reader(request)
    found = _decisions().filter(code=ref).first()
    if found is None and ref.isdigit() and len(ref) < 15:
        found = _decisions().filter(code__isnull=True, pk=int(ref)).first()
    if found is None:
        raise not_found(_("Det finns inget beslut ”%(ref)s”.") % {"ref": ref})
    return found
