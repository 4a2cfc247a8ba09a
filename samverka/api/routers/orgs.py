"""The federation, its members with their populations, units, bodies with seats, periods."""

import datetime
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from samverka.api import access
from samverka.api.paging import Paging
from samverka.api.params import CodePath, KeyPath, MunicipalityPath, YearPath
from samverka.api.schemas import address, read_responses
from samverka.orgs.models import GoverningBody, Member, PlanningPeriod, Seat, Unit

router = Router(tags=["Organisation"])


class FederationOut(Schema):
    code: str
    name: str
    short_name: str
    region_name: str
    organisation_number: str
    purpose: str
    description: str
    contact_email: str
    version: int


class PopulationOut(Schema):
    reference_date: datetime.date
    inhabitants: int
    source: str
    fetched_at: datetime.datetime | None
    version: int


class MemberOut(Schema):
    municipality_code: str
    name: str
    populations: list[PopulationOut]
    version: int

    @staticmethod
    def resolve_populations(obj: Member) -> list:
        return sorted(obj.populations.all(), key=lambda p: p.reference_date, reverse=True)


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    description: str
    manager_name: str
    sort_order: int
    version: int

    @staticmethod
    def resolve_kind_label(obj: Unit) -> str:
        return str(obj.get_kind_display())


class SeatOut(Schema):
    key: UUID
    member: str | None  # municipality code
    member_name: str | None
    role: str
    role_label: str
    qualification: str
    holder_name: str
    term_start: datetime.date | None
    term_end: datetime.date | None
    version: int

    @staticmethod
    def resolve_member(obj: Seat) -> str | None:
        return obj.member.municipality_code if obj.member_id else None

    @staticmethod
    def resolve_member_name(obj: Seat) -> str | None:
        return obj.member.name if obj.member_id else None

    @staticmethod
    def resolve_role_label(obj: Seat) -> str:
        return str(obj.get_role_display())


class BodyOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    mandate: str
    is_decision_making: bool
    prepares_for: str | None  # the body's code
    intended_size: int | None
    source: str
    seats: list[SeatOut]
    version: int

    @staticmethod
    def resolve_kind_label(obj: GoverningBody) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_prepares_for(obj: GoverningBody) -> str | None:
        return obj.prepares_for.code if obj.prepares_for_id else None

    @staticmethod
    def resolve_seats(obj: GoverningBody) -> list:
        return sorted(
            obj.seats.all(),
            key=lambda s: (s.member.name if s.member_id else "", s.role, str(s.key)),
        )


class PeriodOut(Schema):
    year: int
    status: str
    status_label: str
    revision: int
    is_locked: bool
    decision: str | None  # the adopting decision's reference (see /decisions/{ref})
    adopted_on: datetime.date | None
    note: str
    version: int

    @staticmethod
    def resolve_status_label(obj: PlanningPeriod) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_decision(obj: PlanningPeriod) -> str | None:
        return address(obj.decision) if obj.decision_id else None


def _members():
    return Member.objects.filter(federation=access.federation()).prefetch_related("populations")


def _bodies():
    return (
        GoverningBody.objects.filter(federation=access.federation())
        .select_related("prepares_for")
        .prefetch_related("seats__member")
    )


@router.get("/federation", response=read_responses(FederationOut), summary="Förbundet")
def federation(request):
    access.reader(request)
    return access.federation()


@router.get("/members", response=read_responses(list[MemberOut]), summary="Medlemskommuner")
@paginate(Paging)
def member_list(request):
    """The member municipalities by name, each with its populations (latest first)."""
    access.reader(request)
    return _members().order_by("name", "pk")


@router.get(
    "/members/{municipality_code}", response=read_responses(MemberOut), summary="En medlemskommun"
)
def member_detail(request, municipality_code: MunicipalityPath()):
    access.reader(request)
    return access.member(municipality_code)


@router.get("/units", response=read_responses(list[UnitOut]), summary="Enheter")
@paginate(Paging)
def unit_list(request):
    access.reader(request)
    return Unit.objects.filter(federation=access.federation()).order_by("sort_order", "name", "pk")


@router.get("/units/{code}", response=read_responses(UnitOut), summary="En enhet")
def unit_detail(request, code: CodePath("Enhetens kod.")):
    access.reader(request)
    return access.unit(code)


@router.get("/bodies", response=read_responses(list[BodyOut]), summary="Organ med platser")
@paginate(Paging)
def body_list(request):
    access.reader(request)
    return _bodies().order_by("sort_order", "name", "pk")


@router.get("/bodies/{code}", response=read_responses(BodyOut), summary="Ett organ")
def body_detail(request, code: CodePath("Organets kod.")):
    access.reader(request)
    return access.get_or_404(
        _bodies(), _("Det finns inget organ med koden ”%(code)s”.") % {"code": code}, code=code
    )


@router.get("/bodies/{code}/seats/{key}", response=read_responses(SeatOut), summary="En plats")
def seat_detail(
    request,
    code: CodePath("Organets kod."),
    key: KeyPath("Platsens nyckel."),
):
    access.reader(request)
    return access.get_or_404(
        Seat.objects.select_related("member"),
        _("Organet ”%(code)s” har ingen sådan plats.") % {"code": code},
        body__code=code,
        body__federation=access.federation(),
        key=key,
    )


@router.get("/periods", response=read_responses(list[PeriodOut]), summary="Planeringsperioder")
@paginate(Paging)
def period_list(request):
    access.reader(request)
    return (
        PlanningPeriod.objects.filter(federation=access.federation())
        .select_related("decision")
        .order_by("-year", "pk")
    )


@router.get("/periods/{year}", response=read_responses(PeriodOut), summary="En period")
def period_detail(request, year: YearPath()):
    access.reader(request)
    return access.period(year)
