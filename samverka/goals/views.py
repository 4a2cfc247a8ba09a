from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.permissions import capabilities, require
from samverka.core.forms import save_or_conflict
from samverka.goals import tables
from samverka.goals.forms import (
    IndicatorForm,
    KoladaMappingForm,
    MeasurementForm,
    SurveyImportForm,
    TargetValueForm,
    TargetYearForm,
)
from samverka.goals.models import (
    FetchRun,
    FinancialTarget,
    Goal,
    Indicator,
    KoladaMapping,
    Measurement,
    Strategy,
    TargetValue,
)
from samverka.goals.overview import MAX_DRAWN, overview, region_overviews
from samverka.goals.survey import SurveyImportError, import_survey, respondent_table
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.models import Member
from samverka.reports import exports

# The indicator page's member rows, page by page (`?sida=`), and its member search.
MEMBERS_PER_PAGE = 25
MEMBER_PARAMETER = "kommun"


def can_edit_goals(caps) -> bool:
    """Targets, values entered by hand, indicator settings and the survey import."""
    return caps.is_controller


def can_edit_mappings(caps) -> bool:
    """The open-data mappings are corrected by an administrator."""
    return caps.is_admin


def budget_targets_url(year: int) -> str | None:
    """The budget app's page for the financial targets, once that app provides it."""
    try:
        return reverse("budget:targets", args=[year])
    except NoReverseMatch:
        return None


def _fetch_status() -> list[dict]:
    status = []
    for service, label in FetchRun.Service.choices:
        latest = FetchRun.objects.filter(service=service).first()
        success = FetchRun.last_success(service)
        status.append({"label": label, "latest": latest, "success": success})
    return status


def _financial_targets():
    """The financial targets of the latest period that has them, and that period's year."""
    year = (
        FinancialTarget.objects.filter(period__in=federation_periods())
        .order_by("-period__year")
        .values_list("period__year", flat=True)
        .first()
    )
    targets = FinancialTarget.objects.filter(
        period__in=federation_periods(), period__year=year
    ).select_related("period")
    return targets, year


def _index_tables():
    targets, year = _financial_targets()
    downloadable = [tables.indicators_table()]
    if year:
        downloadable.append(tables.financial_targets_table(targets, year))
    return downloadable


def index(request: HttpRequest) -> HttpResponse:
    caps = capabilities(request)
    require(caps.can_view)
    if exports.requested(request):
        return exports.export_response(request, _index_tables(), "mal-och-indikatorer")
    all_goals = list(
        Goal.objects.prefetch_related(
            "strategies",
            Prefetch("indicators", queryset=Indicator.objects.select_related("goal__federation")),
        )
    )
    views = region_overviews([i for goal in all_goals for i in goal.indicators.all()])
    goals = [
        {"goal": goal, "indicators": [views[i.pk] for i in goal.indicators.all()]}
        for goal in all_goals
    ]
    targets, period_year = _financial_targets()
    return render(
        request,
        "goals/index.html",
        {
            "goals": goals,
            "strategies": Strategy.objects.all(),
            "financial_targets": targets,
            "financial_year": period_year,
            "budget_targets_url": budget_targets_url(period_year) if period_year else None,
            "fetch_status": _fetch_status(),
            "can_edit": can_edit_goals(caps),
            "downloads": exports.links(request, _("målen och indikatorerna")),
        },
    )


def goal_detail(request: HttpRequest, code: str) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.prefetch_related("strategies"), code=code)
    caps = capabilities(request)
    require(caps.can_view)
    return render(
        request,
        "goals/goal_detail.html",
        {
            "goal": goal,
            # The whole area and the members' spread; each member's row is on the indicator page.
            "indicators": [overview(i, []) for i in goal.indicators.all()],
            "fetch_status": _fetch_status(),
            "can_edit": can_edit_goals(caps),
        },
    )


def matching_members(members: list[Member], query: str) -> list[Member]:
    """The members whose name contains `query` (any case) or whose municipality code starts
    with it; all of them for an empty query."""
    query = query.strip()
    if not query:
        return members
    folded = query.casefold()
    return [
        m for m in members if folded in m.name.casefold() or m.municipality_code.startswith(query)
    ]


def _value_area(
    request: HttpRequest, indicator: Indicator, members: list[Member]
) -> tuple[str, int] | bool | None:
    """The area and year chosen in the form for a value entered by hand (`?omrade=&varde_ar=`):
    None when not asked, False when the choice is not an area or not a year."""
    area = request.GET.get("omrade", "").strip()
    year = request.GET.get("varde_ar", "").strip()
    if not area and not year:
        return None
    areas = {indicator.goal.federation.code} | {m.municipality_code for m in members}
    if area in areas and year.isdigit() and 2000 <= int(year) <= 2100:
        return area, int(year)
    return False


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("goal__federation"), code=code)
    caps = capabilities(request)
    require(caps.can_view)
    members = list(Member.objects.all())
    query = request.GET.get(MEMBER_PARAMETER, "").strip()[:100]
    shown = matching_members(members, query)
    drawn = shown if query and len(shown) <= MAX_DRAWN else []
    requested = exports.requested(request)
    view = overview(indicator, shown, with_chart=not requested, drawn=drawn)
    # The downloads hold what the page's filter shows: every member without a search.
    downloadable = [
        tables.indicator_table(view, with_rows=requested),
        tables.values_table(
            [indicator],
            key=f"{indicator.code}-varden",
            with_rows=requested,
            members=shown if query else None,
        ),
    ]
    if requested:
        return exports.export_response(request, downloadable, f"indikator-{indicator.code}")
    year_form = TargetYearForm(request.GET if "year" in request.GET else None)
    if year_form.is_valid():
        return redirect("goals:target_edit", code=code, year=year_form.cleaned_data["year"])
    value_area = _value_area(request, indicator, members)
    if value_area:
        return redirect("goals:measurement_edit", code=code, year=value_area[1], area=value_area[0])
    page = Paginator(view.member_rows, MEMBERS_PER_PAGE).get_page(request.GET.get("sida"))
    survey = getattr(indicator, "survey", None)
    can_edit = can_edit_goals(caps)
    return render(
        request,
        "goals/indicator_detail.html",
        {
            "indicator": indicator,
            "view": view,
            "member_search": True,
            "page": page,
            "page_query": urlencode({MEMBER_PARAMETER: query}) if query else "",
            "query": query,
            "members_total": len(members),
            "drawn": drawn,
            "max_drawn": MAX_DRAWN,
            # Nothing to download before the first value is fetched or entered.
            "downloads": exports.links(
                request, _("värdena för %(name)s") % {"name": indicator.name}, downloadable
            )
            if view.years
            else None,
            "kolada": KoladaMapping.objects.filter(indicator=indicator).first(),
            "scb": getattr(indicator, "scb", None),
            "survey": survey,
            "respondents": respondent_table(survey) if survey else None,
            "targets": indicator.targets.all(),
            "members": members if can_edit else [],
            "year_form": year_form,
            "value_area_refused": value_area is False,
            "fetch_status": _fetch_status(),
            "can_edit": can_edit,
            "can_edit_mapping": can_edit_mappings(caps),
        },
    )


def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    require(can_edit_goals(capabilities(request)))
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Indikatorns inställningar sparades."))
        return redirect("goals:indicator", code=code)
    return render(
        request,
        "goals/edit.html",
        {"indicator": indicator, "form": form, "heading": _("Inställningar för indikatorn")},
    )


def mapping_edit(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    require(can_edit_mappings(capabilities(request)))
    mapping = KoladaMapping.objects.filter(indicator=indicator).first() or KoladaMapping(
        indicator=indicator
    )
    form = KoladaMappingForm(request.POST or None, instance=mapping)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Kopplingen till Kolada sparades."))
        return redirect("goals:indicator", code=code)
    return render(
        request,
        "goals/edit.html",
        {
            "indicator": indicator,
            "form": form,
            "heading": _("Koppling till Kolada"),
            "intro": _(
                "Vid hämtning jämförs nyckeltalets titel i Kolada med den förväntade titeln. "
                "Stämmer de inte sparas inga värden, och hämtningen säger varför."
            ),
        },
    )


def target_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    require(can_edit_goals(capabilities(request)))
    target = TargetValue.objects.filter(indicator=indicator, year=year).first() or TargetValue(
        indicator=indicator, year=year
    )
    form = TargetValueForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Målvärdet för %(year)s sparades.") % {"year": year})
        return redirect("goals:indicator", code=code)
    return render(
        request,
        "goals/edit.html",
        {
            "indicator": indicator,
            "form": form,
            "heading": _("Målvärde för %(year)s") % {"year": year},
        },
    )


def measurement_edit(request: HttpRequest, code: str, year: int, area: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    member = None
    # The whole area is addressed by its federation's code, a member by its municipality code.
    if area != indicator.goal.federation.code:
        member = Member.objects.filter(municipality_code=area).first()
        if member is None:
            raise Http404
    require(can_edit_goals(capabilities(request)))
    measurement = Measurement.objects.filter(
        indicator=indicator, year=year, member=member
    ).first() or Measurement(indicator=indicator, year=year, member=member)
    form = MeasurementForm(request.POST or None, instance=measurement)
    if request.method == "POST" and form.is_valid():
        form.instance.origin = Measurement.Origin.MANUAL
        form.instance.fetched_at = timezone.now()
        if save_or_conflict(form):
            messages.success(request, _("Värdet sparades."))
            return redirect("goals:indicator", code=code)
    area_name = member.name if member else indicator.goal.federation.region_name
    return render(
        request,
        "goals/edit.html",
        {
            "indicator": indicator,
            "form": form,
            "heading": _("Värde för %(area)s %(year)s") % {"area": area_name, "year": year},
            "intro": _(
                "Ett värde som matas in för hand behålls när data hämtas från Kolada eller SCB; "
                "hämtningen rapporterar om källan anger något annat."
            ),
        },
    )


def survey_import(request: HttpRequest) -> HttpResponse:
    require(can_edit_goals(capabilities(request)))
    form = SurveyImportForm(request.POST or None, request.FILES or None)
    import_errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = import_survey(upload.name, upload, form.cleaned_data["year"])
        except SurveyImportError as exc:
            import_errors = exc
        else:
            messages.success(request, run.message.splitlines()[0])
            return redirect("goals:index")
    return render(
        request,
        "goals/survey_import.html",
        {
            "form": form,
            "import_errors": import_errors,
            "runs": FetchRun.objects.filter(service=FetchRun.Service.SURVEY)[:5],
        },
    )


def fetch_runs(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    return render(request, "goals/fetch_runs.html", {"runs": FetchRun.objects.all()[:100]})
