from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samverka.accounts.permissions import capabilities, require
from samverka.budget import editing, fees, targets, validation, versions, xlsx
from samverka.budget import tables as budget_tables
from samverka.budget.computations import (
    load_budget,
    overhead_allocation,
    overhead_basis,
)
from samverka.budget.forms import (
    AssumptionsForm,
    BalanceSheetForm,
    BudgetLineForm,
    FeeAllocationForm,
    ImportForm,
)
from samverka.budget.models import (
    KIND_ORDER,
    Assumptions,
    BalanceSheet,
    BudgetLine,
    BudgetSnapshot,
    FeeAllocation,
)
from samverka.budget.presentation import consolidated_rows, document_rows, rows_html
from samverka.core import frozen
from samverka.core.forms import save_or_conflict
from samverka.imports.pipeline import ImportRefused
from samverka.lib.findings import Severity
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.models import PeriodLockedError, PlanningPeriod, Unit
from samverka.reports import exports


def _findings_context(findings) -> dict:
    return {
        "findings": findings,
        "error_count": sum(1 for f in findings if f.severity == Severity.ERROR),
        "warning_count": sum(1 for f in findings if f.severity == Severity.WARNING),
    }


def index(request: HttpRequest) -> HttpResponse:
    periods = list(federation_periods())
    require(capabilities(request).can_view)
    rows = []
    for period in periods:
        budget = load_budget(period)
        findings = validation.run(budget)
        rows.append(
            {
                "period": period,
                "result": budget.consolidated.result if budget.units else None,
                **_findings_context(findings),
            }
        )
    return render(request, "budget/index.html", {"rows": rows})


def _period_tables(period: PlanningPeriod, budgets: budget_tables.Budgets):
    """The page's tables in its order: the consolidation first, then the document's tables."""
    *document, consolidated = budget_tables.budget_tables(period, budgets)
    return [consolidated, *document]


def _period_table_names(budgets: budget_tables.Budgets) -> list[budget_tables.TableName]:
    """`_period_tables`' keys and titles, for the download links (the tables are built only
    when one is downloaded)."""
    *document, consolidated = budget_tables.budget_table_names(budgets)
    return [consolidated, *document]


def _year_and_previous(year: int, **_kwargs) -> tuple[PlanningPeriod, PlanningPeriod | None]:
    """The periods a budget page shows: the year and the one before it (for comparison)."""
    period = get_period_or_404(year)
    return period, budget_tables.previous_period(period)


def _period_content(period: PlanningPeriod, previous: PlanningPeriod | None):
    # One load of this year's and last year's budget serves the page, its findings and its
    # downloads; for an adopted year it is computed once per revision (core.frozen).
    def compute():
        budgets = budget_tables.load(period, previous)
        return budgets, validation.run(budgets.this)

    return frozen.cached("budget.period-budgets", (period, previous), compute)


@frozen.frozen_page(_year_and_previous)
def period_detail(request: HttpRequest, year: int) -> HttpResponse:
    period, previous = _year_and_previous(year)
    require(capabilities(request).can_view)
    budgets, findings = _period_content(period, previous)
    if exports.requested(request):
        return exports.export_response(
            request, _period_tables(period, budgets), f"driftbudget-{year}"
        )
    this, prev, years = budgets.this, budgets.previous, budgets.years
    tables = [
        {
            "id": "table-totalt",
            "name": _("%(federation)s Driftbudget, totalt (som tryckt)")
            % {"federation": period.federation.name},
            "unit": None,
            "body": rows_html(
                document_rows([this.total] + ([prev.total] if prev else [])), len(years)
            ),
        }
    ]
    for table in this.units:
        prev_table = prev.table_for(table.unit) if prev else None
        tables.append(
            {
                "id": f"table-{table.unit.code}",
                "name": _("Budget %(unit)s") % {"unit": table.unit.name},
                "unit": table.unit,
                "body": rows_html(
                    document_rows([table] + ([prev_table] if prev else [])), len(years)
                ),
            }
        )
    consolidated = consolidated_rows([this.consolidated] + ([prev.consolidated] if prev else []))
    return render(
        request,
        "budget/period_detail.html",
        {
            "period": period,
            "years": years,
            "tables": tables,
            "consolidated": consolidated,
            "downloads": exports.links(
                request, _("budgeten %(year)s") % {"year": year}, _period_table_names(budgets)
            ),
            **_findings_context(findings),
        },
    )


def unit_detail(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    period = get_period_or_404(year)
    unit_obj = get_object_or_404(Unit, code=unit)
    can = capabilities(request)
    require(can.can_view)
    if exports.requested(request):
        budgets = budget_tables.load(period)
        return exports.export_response(
            request,
            [
                budget_tables.unit_table(budgets, unit_obj),
                budget_tables.lines_table(period, unit_obj),
            ],
            f"budget-{year}-{unit_obj.code}",
        )
    lines = BudgetLine.objects.filter(period=period, unit=unit_obj).order_by("sort_order", "code")
    # One load of every unit's tables serves the unit's table and the checks.
    budget = load_budget(period)
    table = budget.table_for(unit_obj)
    findings = [f for f in validation.run(budget) if f.where.get("enhet") == unit_obj.name]
    return render(
        request,
        "budget/unit_detail.html",
        {
            "period": period,
            "unit": unit_obj,
            "lines": lines,
            "rows": document_rows([table]),
            "can_edit": editing.can_edit_lines(can, period, unit_obj),
            "downloads": exports.links(
                request,
                _("budgeten för %(unit)s %(year)s") % {"unit": unit_obj.name, "year": year},
            ),
            **_findings_context(findings),
        },
    )


def _line_form_page(request, period, unit, line) -> HttpResponse:
    can = capabilities(request)
    require(can.can_edit_unit(unit))
    require(period.is_locked or editing.can_edit_lines(can, period, unit))
    assumptions = Assumptions.objects.filter(period=period).first()
    form = BudgetLineForm(
        request.POST or None,
        instance=line,
        payroll_overhead_rate=assumptions.payroll_overhead_rate if assumptions else None,
    )
    if request.method == "POST" and not period.is_locked and form.is_valid():
        line.sort_order = KIND_ORDER.get(form.cleaned_data["kind"], 0)
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
            saved = False
        if saved:
            messages.success(request, _("Budgetraden %(label)s sparades.") % {"label": line.label})
            return redirect("budget:unit", year=period.year, unit=unit.code)
    return render(
        request,
        "budget/line_edit.html",
        {"period": period, "unit": unit, "line": line, "form": form},
        status=200,
    )


def line_edit(request: HttpRequest, year: int, unit: str, line: str) -> HttpResponse:
    obj = get_object_or_404(
        BudgetLine.objects.select_related("period", "unit"),
        period=get_period_or_404(year),
        unit__code=unit,
        code=line,
    )
    if request.headers.get("HX-Request"):
        return _line_row(request, obj.period, obj.unit, obj)
    return _line_form_page(request, obj.period, obj.unit, obj)


def _line_row(request, period, unit, line) -> HttpResponse:
    """Inline edit on the unit page (htmx): the row becomes a form; saving returns the row
    and, out of band, the unit's summary table. Same form and version check as the full page,
    so a concurrent edit is refused here too."""
    require(editing.can_edit_lines(capabilities(request), period, unit))
    context = {"period": period, "unit": unit, "line": line, "can_edit": True}
    if request.method == "GET" and request.GET.get("avbryt"):
        return render(request, "budget/_line_row.html", {**context, "focus_edit": True})
    assumptions = Assumptions.objects.filter(period=period).first()
    form = BudgetLineForm(
        request.POST or None,
        instance=line,
        payroll_overhead_rate=assumptions.payroll_overhead_rate if assumptions else None,
    )
    if request.method == "POST" and form.is_valid():
        line.sort_order = KIND_ORDER.get(form.cleaned_data["kind"], 0)
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
            saved = False
        if saved:
            table = load_budget(period, units=[unit]).table_for(unit)
            return render(
                request,
                "budget/_line_row_saved.html",
                {**context, "focus_edit": True, "rows": document_rows([table]), "oob": True},
            )
    return render(request, "budget/_line_row_form.html", {**context, "form": form})


def line_add(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    period = get_period_or_404(year)
    unit_obj = get_object_or_404(Unit, code=unit)
    return _line_form_page(request, period, unit_obj, BudgetLine(period=period, unit=unit_obj))


def assumptions_edit(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    instance = Assumptions.objects.filter(period=period).first() or Assumptions(period=period)
    form = AssumptionsForm(request.POST or None, instance=instance)
    if request.method == "POST" and not period.is_locked and form.is_valid():
        try:
            if save_or_conflict(form):
                messages.success(request, _("Budgetförutsättningarna sparades."))
                return redirect("budget:overhead", year=year)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
    return render(request, "budget/form_page.html", _form_page(period, form, _("Förutsättningar")))


def _form_page(period, form, title, back="budget:overhead") -> dict:
    return {"period": period, "form": form, "title": title, "back": back}


def overhead(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    can = capabilities(request)
    require(can.can_view)
    budget = load_budget(period)
    assumptions = Assumptions.objects.filter(period=period).first()
    rows, office = overhead_allocation(budget, assumptions)
    analysis = []
    if assumptions and assumptions.overhead_rate:
        rate = assumptions.overhead_rate / 100
        for basis, label in Assumptions.OverheadBasis.choices:
            diffs = []
            for row in rows:
                b = overhead_basis(row.table, basis)
                diffs.append(abs(row.entered + (b * rate)))
            analysis.append(
                {
                    "basis": label,
                    "current": basis == assumptions.overhead_basis,
                    "sum_abs_difference": sum(diffs),
                }
            )
        analysis.sort(key=lambda a: a["sum_abs_difference"])
        implied = [
            (row, -row.entered / rate, row.table.revenue + row.table.overhead_costs) for row in rows
        ]
    else:
        implied = []
    return render(
        request,
        "budget/overhead.html",
        {
            "period": period,
            "assumptions": assumptions,
            "rows": rows,
            "office": office,
            "analysis": analysis,
            "implied": implied,
            "can_edit": can.is_controller and not period.is_locked,
        },
    )


def fee_list(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    can = capabilities(request)
    require(can.can_view)
    if exports.requested(request):
        fee_table = budget_tables.fee_table(period)
        tables = [fee_table] if fee_table else []
        return exports.export_response(request, tables, f"medlemsavgifter-{year}")
    basis = fees.fee_basis(period)
    shares = {a.unit_id: a for a in (basis.allocations if basis else [])}
    units = [
        {"unit": u, "share": shares.get(u.pk), "can_edit": can.can_edit_unit(u)}
        for u in Unit.objects.filter(federation=period.federation)
    ]
    findings = [f for f in validation.run(period) if f.code.startswith("budget.fee")]
    return render(
        request,
        "budget/fees.html",
        {
            "period": period,
            "basis": basis,
            "units": units,
            "can_edit": can.is_controller and not period.is_locked,
            "downloads": exports.links(request, _("medlemsavgifterna %(year)s") % {"year": year})
            if basis
            else None,
            **_findings_context(findings),
        },
    )


def fee_share_edit(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    period = get_period_or_404(year)
    unit_obj = get_object_or_404(Unit, code=unit)
    require(capabilities(request).is_controller)
    instance = FeeAllocation.objects.filter(period=period, unit=unit_obj).first()
    form = FeeAllocationForm(
        request.POST or None, instance=instance or FeeAllocation(period=period, unit=unit_obj)
    )
    if request.method == "POST" and not period.is_locked and form.is_valid():
        try:
            if save_or_conflict(form):
                messages.success(request, _("Fördelningen sparades."))
                return redirect("budget:fees", year=year)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
    title = _("Medlemsavgift till %(unit)s") % {"unit": unit_obj.name}
    return render(request, "budget/form_page.html", _form_page(period, form, title, "budget:fees"))


def fee_invoice_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    basis = fees.fee_basis(period)
    if basis is None:
        messages.error(request, _("Det finns ingen avgiftsmodell för %(year)s.") % {"year": year})
        return redirect("budget:fees", year=year)
    return xlsx.response(xlsx.fee_invoice_workbook(basis), f"debiteringsunderlag-{year}.xlsx")


def targets_view(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    can = capabilities(request)
    require(can.can_view)
    if exports.requested(request):
        return exports.export_response(
            request, [budget_tables.targets_table(period, numeric=True)], f"finansiella-mal-{year}"
        )
    return render(
        request,
        "budget/targets.html",
        {
            "period": period,
            "results": targets.evaluate(period),
            "sheet": BalanceSheet.objects.filter(period=period).first(),
            "can_edit": can.is_controller,
            "downloads": exports.links(
                request, _("de finansiella målen %(year)s") % {"year": year}
            ),
        },
    )


def balance_sheet_edit(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    instance = BalanceSheet.objects.filter(period=period).first() or BalanceSheet(period=period)
    form = BalanceSheetForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Balansräkningen sparades."))
        return redirect("budget:targets", year=year)
    return render(
        request,
        "budget/form_page.html",
        _form_page(period, form, _("Balansräkning"), "budget:targets"),
    )


def version_list(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    snapshots = list(BudgetSnapshot.objects.filter(period=period).order_by("revision"))
    comparisons = []
    for before, after in zip(snapshots, snapshots[1:], strict=False):
        comparisons.append(
            {
                "title": _("Revidering %(a)s jämfört med %(b)s")
                % {"a": after.revision, "b": before.revision},
                "changes": versions.changes(before.lines, after.lines),
            }
        )
    if snapshots and not period.is_locked:
        comparisons.append(
            {
                "title": _("Pågående ändringar jämfört med revidering %(b)s")
                % {"b": snapshots[-1].revision},
                "changes": versions.changes(snapshots[-1].lines, versions.current_lines(period)),
            }
        )
    return render(
        request,
        "budget/versions.html",
        {"period": period, "snapshots": snapshots, "comparisons": comparisons[::-1]},
    )


def export_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    return xlsx.response(xlsx.budget_workbook(period), f"budget-{year}.xlsx")


def import_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        if period.is_locked:
            errors = [_("Perioden är antagen och kan inte ändras. Öppna en revidering.")]
        else:
            try:
                with transaction.atomic():
                    summary = xlsx.import_budget(period, form.cleaned_data["file"])
            except ImportRefused as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    _(
                        "Importen är klar: %(created)s nya, %(updated)s ändrade, %(deleted)s "
                        "borttagna rader."
                    )
                    % summary,
                )
                return redirect("budget:period", year=year)
    return render(
        request,
        "budget/import.html",
        {"period": period, "form": form, "errors": errors},
        status=400 if errors else 200,
    )
