from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.permissions import capabilities, require
from samverka.audit.history import entries_for_object
from samverka.core.forms import save_or_conflict
from samverka.orgs.federation import current, period_for_year
from samverka.orgs.models import PeriodLockedError, Unit
from samverka.portfolio import freezing, queries, tables, timeline
from samverka.portfolio.forms import (
    FilterForm,
    FinancingForm,
    ProjectForm,
    ProjectYearForm,
)
from samverka.portfolio.models import PROJECT_UNIT_CODE, Financing, Funder, Project, ProjectYear
from samverka.portfolio.reconciliation import project_lines, projects_sum, reconcile, unit_budget
from samverka.reports import exports


def _units_in_use():
    return (
        Unit.objects.filter(owned_projects__isnull=False).distinct()
        | Unit.objects.filter(thematic_projects__isnull=False).distinct()
    )


def index(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    today = timezone.localdate()
    form = FilterForm(request.GET or None, units=_units_in_use(), funders=Funder.objects.all())
    criteria = form.cleaned_data if form.is_valid() else {}
    requested = exports.requested(request)
    projects = list(
        queries.filtered(**{k: v for k, v in criteria.items() if v}, with_figures=requested)
    )
    if requested:
        return exports.export_response(
            request, [tables.projects_table(projects, form.describe())], "projekt"
        )
    drawn = timeline.build(projects, today)
    return render(
        request,
        "portfolio/index.html",
        {
            "form": form,
            "projects": projects,
            "undated": [p for p in projects if p.period is None],
            "timeline": drawn,
            "timeline_svg": timeline.render(drawn),
            "today": today,
            "year": today.year,
            "can_create": capabilities(request).is_controller,
            "running_count": queries.running_count(today.year),
            "pipeline_count": queries.pipeline_count(),
            "ending_count": queries.ending_count(today, 6),
            "downloads": exports.links(request, _("projekten i listan")),
        },
    )


def year_view(request: HttpRequest, year: int) -> HttpResponse:
    require(capabilities(request).can_view)
    if exports.requested(request):
        return exports.export_response(request, [tables.year_table(year)], f"projekt-{year}")
    rows = [(p, p.budget_for(year)) for p in queries.running_in(year)]
    known = [b.amount for _p, b in rows if b.amount is not None]
    return render(
        request,
        "portfolio/year.html",
        {
            "year": year,
            "rows": rows,
            "total": sum(known, Decimal(0)),
            "complete": len(known) == len(rows),
            "downloads": exports.links(request, _("projekten %(year)s") % {"year": year}),
        },
    )


def pipeline(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    if exports.requested(request):
        return exports.export_response(request, [tables.applications_table()], "ansokningar")
    return render(
        request,
        "portfolio/pipeline.html",
        {
            "projects": queries.pipeline(),
            "downloads": exports.links(request, _("ansökningarna")),
        },
    )


def funders(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    downloadable = [tables.financing_table(), tables.funders_table()]
    if exports.requested(request):
        return exports.export_response(request, downloadable, "finansiering")
    years, rows = queries.money_by_source_and_year()
    table = [
        (label, [by_year.get(y) for y in years], sum(by_year.values())) for label, by_year in rows
    ]
    return render(
        request,
        "portfolio/funders.html",
        {
            "funders": queries.funders_with_projects(),
            "years": years,
            "table": table,
            "downloads": exports.links(request, _("finansieringen"), downloadable),
        },
    )


def ending(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    today = timezone.localdate()
    endings = queries.ending_within(today, 6)
    known = [e.personnel_costs for e in endings if e.personnel_costs is not None]
    return render(
        request,
        "portfolio/ending.html",
        {
            "today": today,
            "until": queries.add_months(today, 6),
            "endings": endings,
            "personnel_total": sum(known, Decimal(0)),
            "personnel_complete": len(known) == len(endings),
            "past_end": queries.past_end(today),
        },
    )


def reconciliation(request: HttpRequest, year: int) -> HttpResponse:
    require(capabilities(request).can_view)
    # The unit's figure comes from the budget, the same one the budget check reads: the page
    # asks for nothing, so the two cannot disagree.
    budgeted = unit_budget(year)
    lines = project_lines(year)
    return render(
        request,
        "portfolio/reconciliation.html",
        {
            "year": year,
            "stated": budgeted,
            "lines": lines,
            "total": projects_sum(lines),
            "findings": reconcile(year, budgeted),
            "unit": Unit.objects.filter(code=PROJECT_UNIT_CODE).first(),
            "has_budget_period": period_for_year(year) is not None,
        },
    )


def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("owning_unit", "thematic_unit"), code=code
    )
    can = capabilities(request)
    require(can.can_view)
    return render(
        request,
        "portfolio/project_detail.html",
        {
            "project": project,
            "budget": project.budget_by_year(),
            "months": project.monthly_spread(),
            "figures": project.year_figures.all(),
            "financing": project.financing.select_related("funder"),
            "entries": entries_for_object(project),
            "can_edit": can.can_edit_project(project),
        },
    )


def project_create(request: HttpRequest) -> HttpResponse:
    can = capabilities(request)
    require(can.is_controller)
    federation = current()
    project = Project(
        federation=federation, owning_unit=Unit.objects.filter(code=PROJECT_UNIT_CODE).first()
    )
    form = ProjectForm(request.POST or None, instance=project, can_manage=True)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Projektet %(name)s skapades.") % {"name": project.name})
        return redirect("portfolio:project", code=project.code)
    return render(request, "portfolio/project_edit.html", {"project": None, "form": form})


def project_edit(request: HttpRequest, code: str) -> HttpResponse:
    project = get_object_or_404(Project, code=code)
    can = capabilities(request)
    require(can.can_edit_project(project))
    if request.method == "POST":
        # Adopted years that still follow the total get their amount written first, so
        # that this change cannot move them.
        freezing.freeze_locked_years(project)
    form = ProjectForm(request.POST or None, instance=project, can_manage=can.is_controller)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Projektet %(name)s sparades.") % {"name": project.name})
        note = freezing.spread_note(project)
        if note and {"total_budget", "period"} & set(form.changed_data):
            messages.info(request, note)
        return redirect("portfolio:project", code=project.code)
    return render(request, "portfolio/project_edit.html", {"project": project, "form": form})


def project_year_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    project = get_object_or_404(Project, code=code)
    require(capabilities(request).can_edit_project(project))
    figures = ProjectYear.objects.filter(project=project, year=year).first()
    figures = figures or ProjectYear(project=project, year=year)
    if request.method == "POST":
        freezing.freeze_locked_years(project)  # another year's amount moves the spread
    form = ProjectYearForm(request.POST or None, instance=figures)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
            saved = False
        if saved:
            messages.success(
                request,
                _("Budgeten för %(name)s %(year)s sparades.")
                % {"name": project.name, "year": year},
            )
            return redirect("portfolio:project", code=project.code)
    return render(
        request,
        "portfolio/project_year_edit.html",
        {"project": project, "year": year, "form": form},
    )


def financing_edit(request: HttpRequest, code: str, year: int, source: str = "") -> HttpResponse:
    """Add (no `source`) or change one year's money from one source (a kind or a funder code)."""
    project = get_object_or_404(Project, code=code)
    if source:
        rows = Financing.objects.filter(project=project, year=year)
        if source in Financing.Kind.values and source != Financing.Kind.EXTERNAL:
            financing = get_object_or_404(rows, kind=source, funder=None)
        else:
            financing = get_object_or_404(rows, funder__code=source)
    else:
        financing = Financing(project=project, year=year)
    require(capabilities(request).can_edit_project(project))
    form = FinancingForm(request.POST or None, instance=financing)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
            saved = False
        if saved:
            messages.success(
                request,
                _("Finansieringen för %(name)s %(year)s sparades.")
                % {"name": project.name, "year": year},
            )
            return redirect("portfolio:project", code=project.code)
    return render(
        request,
        "portfolio/financing_edit.html",
        {"project": project, "year": year, "form": form, "financing": financing},
    )
