"""Priority areas and activities, follow-up rounds and their reports (read, and reported), the
programme with its focus areas and activity plans."""

import datetime
from typing import Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from samverka.api import access, writing
from samverka.api.errors import forbidden, not_found, require
from samverka.api.paging import Paging
from samverka.api.params import ChoiceQuery, CodePath, CodeQuery, IntPath, YearPath, YearQuery
from samverka.api.schemas import Input, LinkOut, address, read_responses, write_responses
from samverka.plan import followup
from samverka.plan.forms import ReportForm
from samverka.plan.models import (
    Activity,
    ActivityPlan,
    ActivityReport,
    ActivityStatus,
    FollowUpRound,
    PriorityArea,
    Programme,
)
from samverka.plan.permissions import can_report

router = Router(tags=["Plan och uppföljning"])

Status_ = Literal[tuple(ActivityStatus.values)]  # type: ignore[valid-type]
Judgement = Literal[tuple(ActivityReport.Judgement.values)]  # type: ignore[valid-type]


class PriorityAreaOut(Schema):
    year: int
    code: str
    title: str
    why: str
    implementation_plan: str
    sort_order: int
    source: str
    activities: list[str]  # the activities' codes
    version: int

    @staticmethod
    def resolve_year(obj: PriorityArea) -> int:
        return obj.period.year

    @staticmethod
    def resolve_activities(obj: PriorityArea) -> list[str]:
        return [a.code for a in obj.activities.all()]


class ActivityOut(Schema):
    code: str
    year: int
    priority_area: str
    title: str
    description: str
    unit: str | None
    owner: str | None  # the owner's username
    owner_name: str
    responsible: str
    start: datetime.date | None
    end: datetime.date | None
    status: str
    status_label: str
    sort_order: int
    source: str
    links: list[LinkOut]
    version: int

    @staticmethod
    def resolve_year(obj: Activity) -> int:
        return obj.priority_area.period.year

    @staticmethod
    def resolve_priority_area(obj: Activity) -> str:
        return obj.priority_area.code

    @staticmethod
    def resolve_unit(obj: Activity) -> str | None:
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_owner(obj: Activity) -> str | None:
        return obj.owner.get_username() if obj.owner_id else None

    @staticmethod
    def resolve_responsible(obj: Activity) -> str:
        return obj.responsible_label

    @staticmethod
    def resolve_status_label(obj: Activity) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_links(obj: Activity) -> list[dict]:
        return [LinkOut.of(link) for link in obj.links.all()]


class RoundOut(Schema):
    code: str
    year: int
    title: str
    deadline: datetime.date
    status: str
    previous: str | None
    closed_at: datetime.datetime | None
    reports: int
    missing: list[str]  # the codes of the activities without a report
    version: int

    @staticmethod
    def resolve_year(obj: FollowUpRound) -> int:
        return obj.period.year

    @staticmethod
    def resolve_previous(obj: FollowUpRound) -> str | None:
        return obj.previous.code if obj.previous_id else None

    @staticmethod
    def resolve_reports(obj: FollowUpRound) -> int:
        return obj.reports.count()

    @staticmethod
    def resolve_missing(obj: FollowUpRound) -> list[str]:
        return [a.code for a in followup.missing(obj)]


class ReportOut(Schema):
    round: str
    activity: str
    status_date: datetime.date
    status: str
    judgement: str
    comment: str
    reported_by: str | None
    version: int

    @staticmethod
    def resolve_round(obj: ActivityReport) -> str:
        return obj.round.code

    @staticmethod
    def resolve_activity(obj: ActivityReport) -> str:
        return obj.activity.code

    @staticmethod
    def resolve_reported_by(obj: ActivityReport) -> str | None:
        return obj.reported_by.get_username() if obj.reported_by_id else None


class ReportPut(Input):
    status_date: datetime.date = Field(..., description="Status per datum (ÅÅÅÅ-MM-DD).")
    status: Status_
    judgement: Judgement
    comment: str = Field("", max_length=5000)
    version: int = Field(
        ..., ge=0, le=2_000_000_000, description="Versionen du läste; 0 för en ny rapport."
    )


class FocusAreaOut(Schema):
    code: str
    name: str
    description: str
    sort_order: int


class ProgrammeOut(Schema):
    code: str
    name: str
    unit: str | None
    background: str
    overall_goal: str
    time_frame: str
    staffing: str
    other_resources: str
    financing: str
    scope: str
    target_groups: str
    boundaries: str
    activity_plan_rule: str
    implementation: str
    reporting: str
    source: str
    focus_areas: list[FocusAreaOut]
    version: int

    @staticmethod
    def resolve_unit(obj: Programme) -> str | None:
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_focus_areas(obj: Programme) -> list:
        return list(obj.focus_areas.all())


class PlanActivityOut(Schema):
    key: UUID
    focus_area: str
    title: str
    description: str
    responsible: str
    start: datetime.date | None
    end: datetime.date | None
    sort_order: int
    version: int

    @staticmethod
    def resolve_focus_area(obj) -> str:
        return obj.focus_area.code


class ActivityPlanOut(Schema):
    programme: str
    year: int
    number: int
    status: str
    based_on: int | None  # the number of the version it revises (same year)
    decision: str | None
    note: str
    activities: list[PlanActivityOut]
    version: int

    @staticmethod
    def resolve_programme(obj: ActivityPlan) -> str:
        return obj.programme.code

    @staticmethod
    def resolve_based_on(obj: ActivityPlan) -> int | None:
        return obj.based_on.number if obj.based_on_id else None

    @staticmethod
    def resolve_decision(obj: ActivityPlan) -> str | None:
        return address(obj.decision) if obj.decision_id else None

    @staticmethod
    def resolve_activities(obj: ActivityPlan) -> list:
        return list(obj.activities.all())


def _areas():
    return (
        PriorityArea.objects.filter(period__federation=access.federation())
        .select_related("period")
        .prefetch_related("activities")
    )


def _activities():
    return (
        Activity.objects.filter(priority_area__period__federation=access.federation())
        .select_related("priority_area__period", "unit", "owner")
        .prefetch_related("links__content_type", "links__target")
    )


def _rounds():
    return FollowUpRound.objects.filter(period__federation=access.federation()).select_related(
        "period", "previous"
    )


def _reports():
    return ActivityReport.objects.select_related("round", "activity", "reported_by")


def _round(code: str) -> FollowUpRound:
    return access.get_or_404(
        _rounds(),
        _("Det finns ingen uppföljningsomgång med koden ”%(code)s”.") % {"code": code},
        code=code,
    )


def _programmes():
    return (
        Programme.objects.filter(federation=access.federation())
        .select_related("unit")
        .prefetch_related("focus_areas")
    )


def _programme(code: str) -> Programme:
    return access.get_or_404(
        _programmes(),
        _("Det finns inget uppdrag med koden ”%(code)s”.") % {"code": code},
        code=code,
    )


def _plans():
    return ActivityPlan.objects.select_related(
        "programme", "based_on", "decision"
    ).prefetch_related("activities__focus_area")


@router.get(
    "/priority-areas",
    response=read_responses(list[PriorityAreaOut]),
    summary="Prioriterade områden",
)
@paginate(Paging)
def area_list(request, year: YearQuery() = None):
    access.reader(request)
    areas = _areas()
    if year is not None:
        areas = areas.filter(period__year=year)
    return areas.order_by("-period__year", "sort_order", "code")


@router.get(
    "/periods/{year}/priority-areas/{code}",
    response=read_responses(PriorityAreaOut),
    summary="Ett prioriterat område",
)
def area_detail(request, year: YearPath(), code: CodePath("Områdets kod.")):
    access.reader(request)
    return access.get_or_404(
        _areas(),
        _("%(year)s har inget prioriterat område ”%(code)s”.") % {"year": year, "code": code},
        period=access.period(year),
        code=code,
    )


@router.get("/activities", response=read_responses(list[ActivityOut]), summary="Aktiviteter")
@paginate(Paging)
def activity_list(
    request,
    year: YearQuery() = None,
    priority_area: CodeQuery("Bara områdets aktiviteter (områdets kod).") = None,
    unit: CodeQuery("Bara aktiviteter som enheten ansvarar för (enhetens kod).") = None,
    status: ChoiceQuery("Bara aktiviteter med denna status.", list(ActivityStatus.values)) = None,
):
    access.reader(request)
    found = _activities()
    if year is not None:
        found = found.filter(priority_area__period__year=year)
    if priority_area is not None:
        found = found.filter(priority_area__code=priority_area)
    if unit is not None:
        found = found.filter(unit__code=unit)
    if status is not None:
        found = found.filter(status=status)
    return found.order_by(
        "-priority_area__period__year", "priority_area__sort_order", "sort_order", "code"
    )


@router.get("/activities/{code}", response=read_responses(ActivityOut), summary="En aktivitet")
def activity_detail(request, code: CodePath("Aktivitetens kod.")):
    access.reader(request)
    return access.get_or_404(
        _activities(),
        _("Det finns ingen aktivitet med koden ”%(code)s”.") % {"code": code},
        code=code,
    )


@router.get(
    "/follow-up-rounds", response=read_responses(list[RoundOut]), summary="Uppföljningsomgångar"
)
@paginate(Paging)
def round_list(
    request,
    year: YearQuery() = None,
    status: ChoiceQuery("Bara öppna eller stängda omgångar.", ["open", "closed"]) = None,
):
    access.reader(request)
    rounds = _rounds()
    if year is not None:
        rounds = rounds.filter(period__year=year)
    if status is not None:
        rounds = rounds.filter(status=status)
    return rounds.order_by("-deadline", "code")


@router.get(
    "/follow-up-rounds/{code}", response=read_responses(RoundOut), summary="En uppföljningsomgång"
)
def round_detail(request, code: CodePath("Omgångens kod.")):
    access.reader(request)
    return _round(code)


@router.get(
    "/follow-up-rounds/{code}/reports",
    response=read_responses(list[ReportOut]),
    summary="Omgångens rapporter",
)
@paginate(Paging)
def report_list(request, code: CodePath("Omgångens kod.")):
    access.reader(request)
    return (
        _reports()
        .filter(round=_round(code))
        .order_by("activity__priority_area__sort_order", "activity__sort_order", "activity__code")
    )


def _round_activity(round_: FollowUpRound, activity: str) -> Activity:
    return access.get_or_404(
        Activity.objects.select_related("priority_area__period", "unit"),
        _("Omgången ”%(round)s” följer inte upp någon aktivitet ”%(code)s”.")
        % {"round": round_.code, "code": activity},
        code=activity,
        priority_area__period=round_.period,
    )


@router.get(
    "/follow-up-rounds/{code}/reports/{activity}",
    response=read_responses(ReportOut),
    summary="En aktivitets rapport",
)
def report_detail(
    request, code: CodePath("Omgångens kod."), activity: CodePath("Aktivitetens kod.")
):
    access.reader(request)
    round_ = _round(code)
    found = _reports().filter(round=round_, activity=_round_activity(round_, activity)).first()
    if found is None:
        raise not_found(
            _("Aktiviteten ”%(code)s” har ingen rapport i omgången ännu.") % {"code": activity}
        )
    return found


@router.put(
    "/follow-up-rounds/{code}/reports/{activity}",
    response=write_responses(ReportOut, 200, 201),
    summary="Rapportera en aktivitet",
)
def report_put(
    request,
    code: CodePath("Omgångens kod."),
    activity: CodePath("Aktivitetens kod."),
    payload: ReportPut,
):
    """The owner's report in an open round (the owner, the manager of the activity's unit or
    a controller). Version 0 for the first report (409 when someone reported meanwhile), else
    the version read. The activity takes the reported status."""
    can = access.reader(request)
    round_ = _round(code)
    activity_obj = _round_activity(round_, activity)
    require(
        can_report(can, activity_obj),
        _("Bara aktivitetens ägare, chefen för dess enhet eller en ekonom får rapportera."),
    )
    if not round_.is_open:
        raise forbidden(_("Omgången är stängd; svaren kan inte ändras."))
    current = ActivityReport.objects.filter(round=round_, activity=activity_obj).first()
    report = current or ActivityReport(round=round_, activity=activity_obj)
    changes = payload.model_dump(exclude={"version"})
    form = writing.bind(ReportForm, report, changes, payload.version)
    writing.refuse_unless_valid(form)
    saved = writing.save(
        lambda: followup.submit_report(
            round_,
            activity_obj,
            request.auth,
            **{name: form.cleaned_data[name] for name in ReportForm.Meta.fields},
            seen_version=payload.version,
        ),
        ReportOut,
        payload.version,
    )
    return Status(200 if current else 201, _reports().get(pk=saved.pk))


@router.get("/programmes", response=read_responses(list[ProgrammeOut]), summary="Uppdrag")
@paginate(Paging)
def programme_list(request):
    access.reader(request)
    return _programmes().order_by("name", "code")


@router.get("/programmes/{code}", response=read_responses(ProgrammeOut), summary="Ett uppdrag")
def programme_detail(request, code: CodePath("Uppdragets kod.")):
    access.reader(request)
    return _programme(code)


@router.get(
    "/programmes/{code}/activity-plans",
    response=read_responses(list[ActivityPlanOut]),
    summary="Uppdragets aktivitetsplaner",
)
@paginate(Paging)
def plan_list(request, code: CodePath("Uppdragets kod."), year: YearQuery() = None):
    access.reader(request)
    plans = _plans().filter(programme=_programme(code))
    if year is not None:
        plans = plans.filter(year=year)
    return plans.order_by("-year", "-number")


@router.get(
    "/programmes/{code}/activity-plans/{year}/{number}",
    response=read_responses(ActivityPlanOut),
    summary="En version av aktivitetsplanen",
)
def plan_detail(
    request,
    code: CodePath("Uppdragets kod."),
    year: YearPath(),
    number: IntPath("Versionens nummer."),
):
    access.reader(request)
    return access.get_or_404(
        _plans(),
        _("Uppdraget har ingen version %(number)s av aktivitetsplanen %(year)s.")
        % {"number": number, "year": year},
        programme=_programme(code),
        year=year,
        number=number,
    )
