from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.audit.history import entries_for_object
from samverka.audit.models import ConcurrentEditError
from samverka.core.forms import save_or_conflict
from samverka.decisions import obligations
from samverka.decisions.models import Decision, ReportingObligation
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.models import PeriodLockedError, PlanningPeriod
from samverka.plan import activity_plans, followup, funding, tables
from samverka.plan.forms import (
    ActivityForm,
    ActivityLinkForm,
    ActivityStatusForm,
    CoFinancingForm,
    PlanActivityForm,
    PlanAdoptionForm,
    ReportForm,
    RoundForm,
)
from samverka.plan.models import (
    Activity,
    ActivityLink,
    ActivityPlan,
    ActivityReport,
    CoFinancing,
    FollowUpRound,
    PlanActivity,
    PlanVersionLockedError,
    PriorityArea,
    Programme,
    RoundClosedError,
)
from samverka.plan.permissions import (
    can_edit_activity,
    can_manage_follow_up,
    can_manage_programme,
    can_report,
)
from samverka.reports import exports


def _period_for(request: HttpRequest) -> PlanningPeriod | None:
    year = request.GET.get("ar")
    if year:
        if not year.isdigit():
            raise Http404
        return get_period_or_404(int(year))
    with_areas = federation_periods().filter(priority_areas__isnull=False).distinct()
    return with_areas.order_by("-year").first() or federation_periods().order_by("-year").first()


# The index shows each area's first activities; "Visa alla" opens one area, page by page.
ACTIVITIES_ON_INDEX = 25
ACTIVITIES_PER_PAGE = 100


def _chosen_area(request: HttpRequest, areas: list[PriorityArea]) -> PriorityArea | None:
    code = request.GET.get("omrade")
    if not code:
        return None
    for area in areas:
        if area.code == code:
            return area
    raise Http404


def index(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    period = _period_for(request)
    if exports.requested(request):
        downloadable = [tables.activities_table(period)] if period else []
        year = f"-{period.year}" if period else ""
        return exports.export_response(request, downloadable, f"prioriterade-omraden{year}")
    areas = []
    any_editable = False
    can = capabilities(request)
    chosen = None
    if period is not None:
        areas = list(
            PriorityArea.objects.filter(period=period).annotate(activity_count=Count("activities"))
        )
        chosen = _chosen_area(request, areas)
        if chosen is not None:
            areas = [chosen]
        for area in areas:
            activities = Activity.objects.filter(priority_area=area).select_related("unit", "owner")
            if chosen is not None:
                # One area, page by page: an area may hold hundreds of activities.
                area.page = Paginator(activities, ACTIVITIES_PER_PAGE).get_page(
                    request.GET.get("sida")
                )
                area.shown = list(area.page.object_list)
                area.page_query = urlencode({"ar": period.year, "omrade": area.code})
            else:
                area.shown = list(activities[:ACTIVITIES_ON_INDEX])
            for activity in area.shown:
                activity.editable = can_edit_activity(can, activity)
                any_editable = any_editable or activity.editable
    return render(
        request,
        "plan/index.html",
        {
            "period": period,
            "periods": federation_periods(),
            "areas": areas,
            "chosen_area": chosen,
            "any_editable": any_editable,
            "rounds": FollowUpRound.objects.filter(period=period)[:5] if period else [],
            "programmes": Programme.objects.all(),
            "downloads": exports.links(
                request,
                _("de prioriterade områdena och aktiviteterna %(year)s") % {"year": period.year},
            )
            if period
            else None,
        },
    )


def activity_detail(request: HttpRequest, code: str) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("priority_area__period", "unit", "owner"), code=code
    )
    can = capabilities(request)
    may_edit = can_edit_activity(can, activity)
    locked = activity.priority_area.period.is_locked
    return render(
        request,
        "plan/activity_detail.html",
        {
            "activity": activity,
            "links": activity.links.select_related("content_type"),
            "reports": activity.reports.select_related("round", "reported_by").order_by(
                "-round__deadline"
            ),
            "can_edit": may_edit,
            "link_form": ActivityLinkForm() if may_edit and not locked else None,
            "locked": locked,
            "entries": entries_for_object(activity),
        },
    )


def activity_edit(request: HttpRequest, code: str) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("priority_area__period"), code=code
    )
    can = capabilities(request)
    require(can_edit_activity(can, activity))
    locked = activity.priority_area.period.is_locked
    data = request.POST if request.method == "POST" else None
    if locked:
        form = ActivityStatusForm(data, instance=activity)
    else:
        form = ActivityForm(data, instance=activity, can_assign_owner=can.is_controller)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            messages.error(request, exc.message)
            return redirect("plan:activity", code=activity.code)
        if saved:
            messages.success(request, _("Aktiviteten sparades."))
            return redirect("plan:activity", code=activity.code)
    return render(
        request, "plan/activity_edit.html", {"activity": activity, "form": form, "locked": locked}
    )


@require_POST
def activity_link_add(request: HttpRequest, code: str) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("priority_area__period"), code=code
    )
    require(can_edit_activity(capabilities(request), activity))
    form = ActivityLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kopplingen sparades inte: välj ett objekt att koppla till."))
        return redirect("plan:activity", code=activity.code)
    target = form.cleaned_data["target"]
    try:
        with transaction.atomic():
            ActivityLink.objects.create(
                activity=activity,
                target=target,
                label=form.cleaned_data["label"] or str(target)[:300],
            )
    except PeriodLockedError as exc:
        messages.error(request, exc.message)
    except IntegrityError:
        messages.error(request, _("Aktiviteten är redan kopplad till %(t)s.") % {"t": target})
    else:
        messages.success(request, _("Kopplingen sparades."))
    return redirect("plan:activity", code=activity.code)


@require_POST
def activity_link_remove(request: HttpRequest, code: str) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("priority_area__period"), code=code
    )
    require(can_edit_activity(capabilities(request), activity))
    link = get_object_or_404(ActivityLink, activity=activity, pk=request.POST.get("link") or 0)
    try:
        link.delete()
    except PeriodLockedError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kopplingen togs bort."))
    return redirect("plan:activity", code=activity.code)


def round_list(request: HttpRequest) -> HttpResponse:
    can = capabilities(request)
    period = _period_for(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        require(can_manage_follow_up(can))
        if period is None:
            raise Http404
        if form.is_valid():
            title = form.cleaned_data["title"]
            code = slugify(title)[:70] or "uppfoljning"
            if FollowUpRound.objects.filter(code=code).exists():
                form.add_error("title", _("Det finns redan en omgång med den rubriken."))
            else:
                round_ = followup.open_round(
                    period, code=code, title=title, deadline=form.cleaned_data["deadline"]
                )
                messages.success(request, _("Omgången %(t)s är öppnad.") % {"t": title})
                return redirect("plan:round", code=round_.code)
    return render(
        request,
        "plan/round_list.html",
        {
            "period": period,
            "rounds": FollowUpRound.objects.select_related("period", "previous"),
            "form": form if can_manage_follow_up(can) else None,
        },
    )


def round_detail(request: HttpRequest, code: str) -> HttpResponse:
    round_ = get_object_or_404(
        FollowUpRound.objects.select_related("period", "previous"), code=code
    )
    can = capabilities(request)
    reports = {r.activity_id: r for r in round_.reports.select_related("reported_by")}
    rows = [
        {"activity": a, "report": reports.get(a.pk), "can_report": can_report(can, a)}
        for a in followup.activities_of(round_)
    ]
    return render(
        request,
        "plan/round_detail.html",
        {
            "round": round_,
            "rows": rows,
            "missing": followup.missing_by_owner(round_),
            "missing_count": sum(1 for row in rows if row["report"] is None),
            "can_manage": can_manage_follow_up(can),
            "overdue": round_.is_open and round_.deadline < timezone.localdate(),
        },
    )


@require_POST
def round_close(request: HttpRequest, code: str) -> HttpResponse:
    round_ = get_object_or_404(FollowUpRound, code=code)
    require(can_manage_follow_up(capabilities(request)))
    try:
        followup.close_round(round_)
    except RoundClosedError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Omgången är stängd och svaren är låsta."))
    return redirect("plan:round", code=round_.code)


def report_edit(request: HttpRequest, code: str, activity: str) -> HttpResponse:
    round_ = get_object_or_404(FollowUpRound.objects.select_related("period"), code=code)
    activity_obj = get_object_or_404(Activity, code=activity, priority_area__period=round_.period)
    require(can_report(capabilities(request), activity_obj))
    if not round_.is_open:
        messages.error(request, _("Omgången är stängd; svaren kan inte ändras."))
        return redirect("plan:round", code=round_.code)
    previous = followup.previous_report(round_, activity_obj)
    current = ActivityReport.objects.filter(round=round_, activity=activity_obj).first()
    form = ReportForm(
        request.POST or None,
        instance=current or ActivityReport(round=round_, activity=activity_obj),
        initial=followup.initial_report(round_, activity_obj),
    )
    if request.method == "POST" and form.is_valid():
        try:
            followup.submit_report(
                round_,
                activity_obj,
                request.user,
                **{k: form.cleaned_data[k] for k in ReportForm.Meta.fields},
                seen_version=form.cleaned_data["seen_version"],
            )
        except RoundClosedError as exc:
            messages.error(request, exc.message)
        except ConcurrentEditError as exc:
            form.report_conflict(exc)
        else:
            messages.success(
                request, _("Rapporten för %(a)s sparades.") % {"a": activity_obj.title}
            )
            return redirect("plan:round", code=round_.code)
        if not form.errors:
            return redirect("plan:round", code=round_.code)
    return render(
        request,
        "plan/report_edit.html",
        {
            "round": round_,
            "activity": activity_obj,
            "form": form,
            "previous": previous,
            "current": current,
        },
    )


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("unit"), code=code)
    obligation_rows = [
        {
            "obligation": o,
            "schedule": obligations.schedule(o),
            "missed": obligations.missed(o),
            "next": obligations.next_due(o),
        }
        for o in ReportingObligation.objects.filter(reporter=programme.name).select_related("body")
    ]
    return render(
        request,
        "plan/programme_detail.html",
        {
            "programme": programme,
            "focus_areas": programme.focus_areas.all(),
            "roles": programme.roles.select_related("body", "position"),
            "plans": programme.activity_plans.select_related("decision"),
            "obligations": obligation_rows,
            "findings": funding.reconcile(programme),
        },
    )


def _plan_or_404(code: str, year: int, number: int) -> ActivityPlan:
    return get_object_or_404(
        ActivityPlan.objects.select_related("programme", "decision", "based_on"),
        programme__code=code,
        year=year,
        number=number,
    )


def plan_versions(request: HttpRequest, code: str, year: int) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    can = capabilities(request)
    if request.method == "POST":
        require(can_manage_programme(can))
        try:
            plan = activity_plans.create_plan(programme, year)
        except PlanVersionLockedError as exc:
            messages.error(request, exc.message)
            return redirect("plan:plan_versions", code=code, year=year)
        messages.success(
            request, _("Ett utkast till aktivitetsplan för %(y)s är skapat.") % {"y": year}
        )
        return redirect("plan:plan_version", code=code, year=year, number=plan.number)
    versions = programme.activity_plans.filter(year=year).select_related("decision", "based_on")
    return render(
        request,
        "plan/plan_versions.html",
        {
            "programme": programme,
            "year": year,
            "versions": versions,
            "can_manage": can_manage_programme(can),
        },
    )


def plan_version(request: HttpRequest, code: str, year: int, number: int) -> HttpResponse:
    plan = _plan_or_404(code, year, number)
    can = capabilities(request)
    manage = can_manage_programme(can) and plan.is_editable
    return render(
        request,
        "plan/plan_version.html",
        {
            "plan": plan,
            "programme": plan.programme,
            "activities": plan.activities.select_related("focus_area"),
            "focus_areas": plan.programme.focus_areas.all(),
            "can_manage": can_manage_programme(can),
            "activity_form": (
                PlanActivityForm(instance=PlanActivity(plan=plan), programme=plan.programme)
                if manage
                else None
            ),
            "adoption_form": (
                PlanAdoptionForm(
                    initial={
                        "title": _("Tids- och aktivitetsplan %(y)s för %(p)s")
                        % {"y": plan.year, "p": plan.programme.name}
                    }
                )
                if manage
                else None
            ),
            "draft_exists": plan.programme.activity_plans.filter(
                year=plan.year, status=ActivityPlan.Status.DRAFT
            ).exists(),
        },
    )


def plan_activity_edit(
    request: HttpRequest, code: str, year: int, number: int, key=None
) -> HttpResponse:
    plan = _plan_or_404(code, year, number)
    require(can_manage_programme(capabilities(request)))
    if key is None:
        activity = PlanActivity(plan=plan)
    else:
        activity = get_object_or_404(PlanActivity, plan=plan, key=key)
    if not plan.is_editable:
        messages.error(request, _("Den här versionen är fastställd och ändras inte. Revidera den."))
        return redirect("plan:plan_version", code=code, year=year, number=number)
    form = PlanActivityForm(request.POST or None, instance=activity, programme=plan.programme)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Aktiviteten sparades."))
        return redirect("plan:plan_version", code=code, year=year, number=number)
    return render(
        request,
        "plan/plan_activity_edit.html",
        {"plan": plan, "programme": plan.programme, "form": form, "activity": activity},
    )


@require_POST
def plan_activity_delete(
    request: HttpRequest, code: str, year: int, number: int, key
) -> HttpResponse:
    plan = _plan_or_404(code, year, number)
    require(can_manage_programme(capabilities(request)))
    activity = get_object_or_404(PlanActivity, plan=plan, key=key)
    try:
        activity.delete()
    except PlanVersionLockedError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Aktiviteten togs bort ur utkastet."))
    return redirect("plan:plan_version", code=code, year=year, number=number)


@require_POST
def plan_adopt(request: HttpRequest, code: str, year: int, number: int) -> HttpResponse:
    plan = _plan_or_404(code, year, number)
    require(can_manage_programme(capabilities(request)))
    form = PlanAdoptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange organ, beslutsdatum och rubrik för beslutet."))
        return redirect("plan:plan_version", code=code, year=year, number=number)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                federation=plan.programme.federation, **form.cleaned_data
            )
            activity_plans.adopt(plan, decision)
    except PlanVersionLockedError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Versionen är fastställd."))
    return redirect("plan:plan_version", code=code, year=year, number=number)


@require_POST
def plan_revise(request: HttpRequest, code: str, year: int, number: int) -> HttpResponse:
    plan = _plan_or_404(code, year, number)
    require(can_manage_programme(capabilities(request)))
    try:
        draft = activity_plans.revise(plan)
    except PlanVersionLockedError as exc:
        messages.error(request, exc.message)
        return redirect("plan:plan_version", code=code, year=year, number=number)
    messages.success(request, _("Version %(n)s är skapad som utkast.") % {"n": draft.number})
    return redirect("plan:plan_version", code=code, year=year, number=draft.number)


def plan_diff(request: HttpRequest, code: str, year: int) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    versions = {v.number: v for v in programme.activity_plans.filter(year=year).order_by("number")}
    if not versions:
        raise Http404

    def number(name: str, default: int) -> int:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else default

    new = versions.get(number("till", max(versions)))
    if new is None:
        raise Http404
    old = versions.get(number("fran", new.based_on.number if new.based_on_id else min(versions)))
    if old is None:
        raise Http404
    return render(
        request,
        "plan/plan_diff.html",
        {
            "programme": programme,
            "year": year,
            "versions": list(versions.values()),
            "diff": activity_plans.diff(old, new),
        },
    )


def programme_funding(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    can = capabilities(request)
    manage = can_manage_programme(can)
    form = None
    if manage:
        form = CoFinancingForm(
            request.POST or None, instance=CoFinancing(programme=programme), programme=programme
        )
    if request.method == "POST":
        require(manage)
        if form.is_valid() and save_or_conflict(form):
            messages.success(request, _("Posten lades till i medfinansieringsregistret."))
            return redirect("plan:funding", code=code)
    return render(
        request,
        "plan/funding.html",
        {
            "programme": programme,
            "grants": programme.grants.select_related("decision"),
            "entries": programme.co_financing.select_related("member", "grant"),
            "years": funding.funding_by_year(programme),
            "findings": funding.reconcile(programme),
            "form": form,
        },
    )
