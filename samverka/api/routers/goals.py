"""Goals, indicators with their target values, and measurements (read, and entered by hand)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from samverka.api import access, writing
from samverka.api.errors import not_found, require
from samverka.api.paging import Paging
from samverka.api.params import ChoiceQuery, CodePath, CodeQuery, YearPath, YearQuery
from samverka.api.schemas import DecimalText, Input, read_responses, write_responses
from samverka.goals.forms import MeasurementForm
from samverka.goals.models import Goal, Indicator, Measurement
from samverka.goals.views import can_edit_goals

router = Router(tags=["Mål och indikatorer"])


class StrategyRef(Schema):
    code: str
    name: str
    kind: str


class GoalOut(Schema):
    code: str
    number: int
    name: str
    statement: str
    why: str
    effects: str
    strategies: list[StrategyRef]
    indicators: list[str]  # the indicators' codes
    source: str
    version: int

    @staticmethod
    def resolve_strategies(obj: Goal) -> list:
        return list(obj.strategies.all())

    @staticmethod
    def resolve_indicators(obj: Goal) -> list[str]:
        return [i.code for i in obj.indicators.all()]


class TargetValueOut(Schema):
    year: int
    value: DecimalText
    note: str
    version: int


class IndicatorOut(Schema):
    code: str
    goal: str
    name: str
    unit: str
    decimals: int
    direction: str
    source_kind: str
    aggregation: str
    aggregation_explanation: str
    baseline_year: int | None
    tolerance_percent: DecimalText
    description: str
    targets: list[TargetValueOut]
    sort_order: int
    version: int

    @staticmethod
    def resolve_goal(obj: Indicator) -> str:
        return obj.goal.code

    @staticmethod
    def resolve_targets(obj: Indicator) -> list:
        return sorted(obj.targets.all(), key=lambda t: t.year)


class MeasurementOut(Schema):
    indicator: str
    year: int
    area: str  # a member's municipality code, or the federation's code for the whole area
    member: str | None
    area_name: str
    value: DecimalText
    origin: str
    source: str
    fetched_at: datetime.datetime
    version: int

    @staticmethod
    def resolve_indicator(obj: Measurement) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_area(obj: Measurement) -> str:
        return obj.member.municipality_code if obj.member_id else obj.indicator.goal.federation.code

    @staticmethod
    def resolve_member(obj: Measurement) -> str | None:
        return obj.member.municipality_code if obj.member_id else None


class MeasurementPut(Input):
    value: str = Field(
        ..., max_length=40, description='Värdet som text, t.ex. "1234.5" eller "1 234,5".'
    )
    source: str = Field(..., max_length=300, description="Var värdet kommer ifrån.")
    version: int = Field(
        ..., ge=0, le=2_000_000_000, description="Versionen du läste; 0 för ett nytt värde."
    )


def _goals():
    return Goal.objects.filter(federation=access.federation()).prefetch_related(
        "strategies", "indicators"
    )


def _indicators():
    return (
        Indicator.objects.filter(goal__federation=access.federation())
        .select_related("goal")
        .prefetch_related("targets")
    )


def _measurements():
    return Measurement.objects.filter(
        indicator__goal__federation=access.federation()
    ).select_related("indicator__goal__federation", "member")


def _indicator(code: str) -> Indicator:
    return access.get_or_404(
        _indicators(),
        _("Det finns ingen indikator med koden ”%(code)s”.") % {"code": code},
        code=code,
    )


def _area(indicator: Indicator, area: str):
    """The member the area code names: None for the whole area (the federation's code)."""
    if area == indicator.goal.federation.code:
        return None
    return access.member(area)


@router.get("/goals", response=read_responses(list[GoalOut]), summary="Mål")
@paginate(Paging)
def goal_list(request):
    access.reader(request)
    return _goals().order_by("number", "pk")


@router.get("/goals/{code}", response=read_responses(GoalOut), summary="Ett mål")
def goal_detail(request, code: CodePath("Målets kod.")):
    access.reader(request)
    return access.get_or_404(
        _goals(), _("Det finns inget mål med koden ”%(code)s”.") % {"code": code}, code=code
    )


@router.get("/indicators", response=read_responses(list[IndicatorOut]), summary="Indikatorer")
@paginate(Paging)
def indicator_list(request, goal: CodeQuery("Bara målets indikatorer (målets kod).") = None):
    access.reader(request)
    indicators = _indicators()
    if goal is not None:
        indicators = indicators.filter(goal__code=goal)
    return indicators.order_by("goal__number", "sort_order", "code")


@router.get("/indicators/{code}", response=read_responses(IndicatorOut), summary="En indikator")
def indicator_detail(request, code: CodePath("Indikatorns kod.")):
    access.reader(request)
    return _indicator(code)


@router.get("/measurements", response=read_responses(list[MeasurementOut]), summary="Mätvärden")
@paginate(Paging)
def measurement_list(
    request,
    indicator: CodeQuery("Bara indikatorns värden (indikatorns kod).") = None,
    area: CodeQuery(
        "Bara områdets värden: en kommunkod, eller förbundets kod för hela området."
    ) = None,
    year: YearQuery() = None,
    origin: ChoiceQuery("Bara värden med detta ursprung.", list(Measurement.Origin.values)) = None,
):
    access.reader(request)
    found = _measurements()
    if indicator is not None:
        found = found.filter(indicator__code=indicator)
    if area is not None:
        if area == access.federation().code:
            found = found.filter(member__isnull=True)
        else:
            found = found.filter(member__municipality_code=area)
    if year is not None:
        found = found.filter(year=year)
    if origin is not None:
        found = found.filter(origin=origin)
    return found.order_by(
        "indicator__goal__number",
        "indicator__sort_order",
        "indicator__code",
        "year",
        "member__municipality_code",
        "pk",
    )


@router.get(
    "/indicators/{code}/measurements/{year}/{area}",
    response=read_responses(MeasurementOut),
    summary="Ett mätvärde",
)
def measurement_detail(
    request,
    code: CodePath("Indikatorns kod."),
    year: YearPath(),
    area: CodePath("En kommunkod, eller förbundets kod för hela området."),
):
    access.reader(request)
    indicator = _indicator(code)
    found = _measurements().filter(indicator=indicator, year=year, member=_area(indicator, area))
    measurement = found.first()
    if measurement is None:
        raise not_found(
            _("Indikatorn ”%(code)s” har inget värde för %(area)s %(year)s.")
            % {"code": code, "area": area, "year": year}
        )
    return measurement


@router.put(
    "/indicators/{code}/measurements/{year}/{area}",
    response=write_responses(MeasurementOut, 200, 201),
    summary="Mata in ett mätvärde",
)
def measurement_put(
    request,
    code: CodePath("Indikatorns kod."),
    year: YearPath(),
    area: CodePath("En kommunkod, eller förbundets kod för hela området."),
    payload: MeasurementPut,
):
    """A value entered by hand (the controller's, as on the indicator page): version 0 creates
    it (409 when it exists by now), the version read replaces it. A value entered by hand is
    kept when Kolada or SCB is fetched."""
    can = access.reader(request)
    require(can_edit_goals(can), _("Bara en ekonom eller administratör får mata in värden."))
    indicator = _indicator(code)
    member = _area(indicator, area)
    measurement = Measurement.objects.filter(
        indicator=indicator, year=year, member=member
    ).first() or Measurement(indicator=indicator, year=year, member=member)
    creating = measurement.pk is None
    form = writing.bind(
        MeasurementForm,
        measurement,
        {"value": payload.value, "source": payload.source},
        payload.version,
    )
    writing.refuse_unless_valid(form)
    form.instance.origin = Measurement.Origin.MANUAL
    form.instance.fetched_at = timezone.now()
    saved = writing.save(form.save, MeasurementOut, payload.version)
    saved = _measurements().get(pk=saved.pk)
    return Status(201 if creating else 200, saved)
