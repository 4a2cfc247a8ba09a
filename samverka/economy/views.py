from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.core.forms import save_or_conflict
from samverka.economy import checks, plans
from samverka.economy import tables as plan_tables
from samverka.economy.forms import (
    AssumptionsForm,
    PlanYearLineForm,
    PopulationForecastForm,
    ScenarioForm,
)
from samverka.economy.models import PlanYearLine, PopulationForecast, Scenario
from samverka.lib.findings import Severity
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.models import Member, PeriodLockedError, Unit
from samverka.reports import exports
from samverka.reports.html import table_view


def _findings_context(findings) -> dict:
    return {
        "findings": findings,
        "error_count": sum(1 for f in findings if f.severity == Severity.ERROR),
        "warning_count": sum(1 for f in findings if f.severity == Severity.WARNING),
    }


def _chosen(request: HttpRequest, period) -> Scenario | None:
    code = request.GET.get("scenario", "").strip()
    if code:
        return get_object_or_404(Scenario, period=period, code=code)
    return plans.proposal(period)


def _views(tables) -> list:
    # Each table has its heading above it; the caption stays for screen readers.
    return [table_view(table, table.key, caption_visible=False) for table in tables]


def _base(request, period, scenario, **extra) -> dict:
    return {
        "period": period,
        "scenario": scenario,
        "scenarios": list(Scenario.objects.filter(period=period).select_related("created_by")),
        "can_edit": capabilities(request).is_controller and not period.is_locked,
        **extra,
    }


def plan_view(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    scenario = _chosen(request, period)
    if scenario is None:
        return render(
            request,
            "economy/plan.html",
            _base(request, period, None, form=ScenarioForm(initial={"name": _("Utgångsläge")})),
        )
    plan = plans.build(scenario)
    tables = [
        plan_tables.plan_table(plan),
        plan_tables.key_figures_table(plan),
        plan_tables.targets_table(plan),
    ]
    if exports.requested(request):
        return exports.export_response(request, tables, f"ekonomisk-plan-{year}")
    return render(
        request,
        "economy/plan.html",
        _base(
            request,
            period,
            scenario,
            plan=plan,
            tables=_views(tables),
            downloads=exports.links(request, _("planen"), tables),
            **_findings_context(checks.plan_findings(plan)),
        ),
    )


def unit_view(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    period = get_period_or_404(year)
    can = capabilities(request)
    require(can.can_view)
    if request.method == "POST":
        require(can.is_controller)  # only the controller enters plan-year figures
    unit_obj = get_object_or_404(Unit, federation=period.federation, code=unit)
    scenario = _chosen(request, period)
    if scenario is None:
        return redirect("economy:plan", year=year)
    form = None
    if can.is_controller and not period.is_locked:
        instance = PlanYearLine(scenario=scenario, unit=unit_obj)
        if request.method == "POST":
            existing = PlanYearLine.objects.filter(
                scenario=scenario,
                unit=unit_obj,
                year=request.POST.get("year") or 0,
                kind=request.POST.get("kind", ""),
            ).first()
            instance = existing or instance
        form = PlanYearLineForm(request.POST or None, instance=instance, years=scenario.plan_years)
        if request.method == "POST" and form.is_valid():
            try:
                if save_or_conflict(form):
                    messages.success(
                        request, _("Beloppet sparades; det vinner över framskrivningen.")
                    )
                    return redirect(f"{request.path}?scenario={scenario.code}")
            except PeriodLockedError as exc:
                form.add_error(None, exc.message)
    plan = plans.build(scenario)
    tables = [plan_tables.plan_table(plan, unit_obj)]
    if exports.requested(request):
        return exports.export_response(request, tables, f"ekonomisk-plan-{year}-{unit}")
    entered = PlanYearLine.objects.filter(scenario=scenario, unit=unit_obj)
    return render(
        request,
        "economy/unit.html",
        _base(
            request,
            period,
            scenario,
            unit=unit_obj,
            tables=_views(tables),
            form=form,
            entered=entered,
            downloads=exports.links(request, unit_obj.name),
        ),
    )


def scenarios(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    can = capabilities(request)
    require(can.can_view)
    form = ScenarioForm(request.POST or None, instance=Scenario(period=period))
    if request.method == "POST":
        require(can.is_controller)
        if form.is_valid():
            try:
                scenario = plans.create_scenario(
                    period,
                    form.cleaned_data["name"],
                    request.user,
                    form.cleaned_data["description"],
                )
            except PeriodLockedError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Scenariot skapades. Ange dess antaganden för planåren.")
                )
                return redirect("economy:scenario_edit", year=year, code=scenario.code)
    rows = []
    for scenario in Scenario.objects.filter(period=period).select_related("created_by"):
        plan = plans.build(scenario)
        rows.append({"scenario": scenario, "results": [y.consolidated.result for y in plan.years]})
    years = [period.year + n for n in range(3)]
    return render(
        request,
        "economy/scenarios.html",
        _base(request, period, None, form=form, rows=rows, years=years),
    )


def scenario_edit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    scenario = get_object_or_404(Scenario, period=period, code=code)
    data = request.POST or None
    year_forms = [
        AssumptionsForm(data, instance=a, prefix=str(a.year)) for a in scenario.assumptions.all()
    ]
    members = list(Member.objects.filter(federation=period.federation).order_by("name"))
    stored = {
        (f.member_id, f.year): f for f in PopulationForecast.objects.filter(scenario=scenario)
    }
    population_form = PopulationForecastForm(
        data,
        members=members,
        years=scenario.plan_years,
        initial_values={key: f.inhabitants for key, f in stored.items()},
    )
    valid = [f.is_valid() for f in year_forms] if request.method == "POST" else [False]
    if all(valid) and population_form.is_valid() and not period.is_locked:
        try:
            with transaction.atomic():
                saved = all(save_or_conflict(f) for f in year_forms)
                if not saved:
                    transaction.set_rollback(True)
                else:
                    _save_forecasts(scenario, members, stored, population_form.values())
        except PeriodLockedError as exc:
            year_forms[0].add_error(None, exc.message)
        else:
            if saved:
                messages.success(request, _("Antagandena sparades och planen räknades om."))
                return redirect(f"{_plan_url(year)}?scenario={scenario.code}")
    return render(
        request,
        "economy/scenario_edit.html",
        _base(
            request,
            period,
            scenario,
            year_forms=year_forms,
            population_form=population_form,
            has_errors=any(f.errors for f in year_forms) or bool(population_form.errors),
        ),
    )


def _plan_url(year: int) -> str:
    from django.urls import reverse

    return reverse("economy:plan", args=[year])


def _save_forecasts(scenario, members, stored, values) -> None:
    by_code = {m.municipality_code: m for m in members}
    for (code, year), inhabitants in values.items():
        member = by_code[code]
        existing = stored.get((member.pk, year))
        if inhabitants is None:
            if existing is not None:
                existing.delete()
        elif existing is None:
            PopulationForecast.objects.create(
                scenario=scenario, member=member, year=year, inhabitants=inhabitants
            )
        elif existing.inhabitants != inhabitants:
            existing.inhabitants = inhabitants
            existing.save()


@require_POST
def make_proposal(request: HttpRequest, year: int, code: str) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    scenario = get_object_or_404(Scenario, period=period, code=code)
    try:
        plans.make_proposal(scenario)
    except PeriodLockedError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("”%(name)s” är nu förslaget.") % {"name": scenario.name})
    return redirect("economy:scenarios", year=year)


def compare(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    codes = request.GET.getlist("s")
    available = list(Scenario.objects.filter(period=period).select_related("created_by"))
    chosen = [s for s in available if s.code in codes] if codes else available[:4]
    tables, plan_list = [], []
    if len(chosen) >= 2:
        plan_list = [plans.build(s) for s in chosen]
        tables = plan_tables.comparison_tables(plan_list)
        if exports.requested(request):
            return exports.export_response(request, tables, f"scenarier-{year}")
    return render(
        request,
        "economy/compare.html",
        _base(
            request,
            period,
            None,
            chosen=chosen,
            available=available,
            tables=_views(tables),
            downloads=exports.links(request, _("jämförelsen"), tables) if tables else None,
        ),
    )


def member_fees(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    scenario = _chosen(request, period)
    if scenario is None:
        return redirect("economy:plan", year=year)
    plan = plans.build(scenario)
    table = plan_tables.member_fee_table(plan)
    if exports.requested(request):
        return exports.export_response(request, [table], f"medlemsavgifter-{year}-{year + 2}")
    findings = [
        f
        for f in checks.plan_findings(plan)
        if f.code in ("economy.member_fee_sum", "economy.population_missing")
    ]
    return render(
        request,
        "economy/member_fees.html",
        _base(
            request,
            period,
            scenario,
            plan=plan,
            tables=_views([table]),
            downloads=exports.links(request, _("medlemsavgifterna")),
            **_findings_context(findings),
        ),
    )
