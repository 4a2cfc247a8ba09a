from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.budget import validation
from samverka.budget.computations import load_budget
from samverka.core.forms import save_or_conflict
from samverka.cycle import rollover, submissions
from samverka.cycle.forms import CommentForm, SendBackForm, TransitionForm
from samverka.cycle.models import Consolidation, YearStart
from samverka.lib.findings import Severity
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.models import PeriodLockedError, PlanningPeriod, Unit
from samverka.reports.forms import PlanTextForm
from samverka.reports.models import PlanText


def _unit_findings(findings, unit: Unit) -> dict:
    mine = [f for f in findings if f.where.get("enhet") == unit.name]
    return {
        "errors": sum(1 for f in mine if f.severity == Severity.ERROR),
        "warnings": sum(1 for f in mine if f.severity == Severity.WARNING),
        "findings": mine,
    }


def status(request: HttpRequest, year: int) -> HttpResponse:
    """The year's budget process: every unit's submission, result and open findings."""
    period = get_period_or_404(year)
    can = capabilities(request)
    require(can.can_view)
    budget = load_budget(period)
    findings = validation.run(period)
    rows = []
    for submission in submissions.for_period(period):
        table = budget.table_for(submission.unit) if budget.units else None
        rows.append(
            {
                "submission": submission,
                "result": table.result if table is not None else None,
                **_unit_findings(findings, submission.unit),
            }
        )
    waiting = [r for r in rows if r["submission"].status != submissions.Status.APPROVED]
    next_exists = PlanningPeriod.objects.filter(
        federation=period.federation, year=year + 1
    ).exists()
    return render(
        request,
        "cycle/status.html",
        {
            "period": period,
            "rows": rows,
            "waiting": waiting,
            "result": budget.consolidated.result if budget.units else None,
            "year_start": YearStart.objects.filter(period=period)
            .select_related("based_on")
            .first(),
            "consolidation": Consolidation.objects.filter(period=period).first(),
            "can_review": can.is_controller and not period.is_locked,
            "next_year": year + 1,
            "next_exists": next_exists,
        },
    )


def start_next_year(request: HttpRequest, year: int) -> HttpResponse:
    """Confirmation (what will be copied) and, on POST, the start of the next year."""
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    refusal = rollover.refusal(period)
    if request.method == "POST" and refusal is None:
        try:
            new = rollover.start_next_year(period, request.user)
        except rollover.NextYearExistsError as exc:
            refusal = exc.message
        else:
            messages.success(
                request,
                _("Budgetarbetet för %(year)s är startat från budget %(from)s.")
                % {"year": new.year, "from": year},
            )
            return redirect("cycle:status", year=new.year)
    return render(
        request,
        "cycle/start_next_year.html",
        {
            "period": period,
            "next_year": year + 1,
            "counts": rollover.preview(period),
            "refusal": refusal,
        },
        status=409 if refusal and request.method == "POST" else 200,
    )


@require_POST
def consolidate(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).is_controller)
    try:
        result = submissions.consolidate(period, request.user)
    except (submissions.TransitionError, PeriodLockedError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "Budgeten %(year)s är sammanställd: %(errors)s fel och %(warnings)s varningar. "
                "Året kan nu antas."
            )
            % {"year": year, "errors": result.errors, "warnings": result.warnings},
        )
    return redirect("cycle:status", year=year)


def _context(request, period, unit_obj) -> dict:
    can = capabilities(request)
    submission = submissions.for_unit(period, unit_obj)
    text = PlanText.objects.filter(
        period=period, section=PlanText.Section.UNIT, unit=unit_obj
    ).first()
    return {
        "period": period,
        "unit": unit_obj,
        "submission": submission,
        "comments": list(submission.comments.select_related("author")) if submission.pk else [],
        "unit_text": text,
        "may_edit": submissions.unit_may_edit(can, submission),
        "may_submit": can.can_edit_unit(unit_obj)
        and not period.is_locked
        and submission.open_to_unit,
        "may_review": can.is_controller and not period.is_locked,
        "may_comment": can.can_edit_unit(unit_obj) and not period.is_locked,
    }


def unit(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    """One unit's submission: its state, the comments, the unit's text and the actions."""
    period = get_period_or_404(year)
    unit_obj = get_object_or_404(Unit, code=unit, federation=period.federation)
    require(capabilities(request).can_view)
    budget = load_budget(period, units=[unit_obj])
    findings = [f for f in validation.run(period) if f.where.get("enhet") == unit_obj.name]
    return render(
        request,
        "cycle/unit.html",
        {
            **_context(request, period, unit_obj),
            "result": budget.table_for(unit_obj).result if budget.units else None,
            "findings": findings,
            "send_back_form": SendBackForm(),
            "comment_form": CommentForm(),
        },
    )


def _transition(request, year, unit, action) -> HttpResponse:
    period = get_period_or_404(year)
    unit_obj = get_object_or_404(Unit, code=unit, federation=period.federation)
    require(capabilities(request).can_view)
    submission = submissions.for_unit(period, unit_obj)
    return action(period, unit_obj, submission)


def _refused(request, period, unit_obj, message) -> HttpResponse:
    messages.error(request, message)
    return redirect("cycle:unit", year=period.year, unit=unit_obj.code)


@require_POST
def submit(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    def act(period, unit_obj, submission):
        require(capabilities(request).can_edit_unit(unit_obj))
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return _refused(request, period, unit_obj, _("Läs in sidan igen och försök på nytt."))
        try:
            submissions.submit(submission, request.user, form.cleaned_data["seen_version"])
        except (submissions.TransitionError, PeriodLockedError) as exc:
            return _refused(request, period, unit_obj, exc.message)
        messages.success(
            request,
            _("Budgeten för %(unit)s %(year)s är inlämnad till ekonomen.")
            % {"unit": unit_obj.name, "year": year},
        )
        return redirect("cycle:unit", year=year, unit=unit_obj.code)

    return _transition(request, year, unit, act)


@require_POST
def approve(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    def act(period, unit_obj, submission):
        require(capabilities(request).is_controller)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return _refused(request, period, unit_obj, _("Läs in sidan igen och försök på nytt."))
        try:
            submissions.approve(submission, request.user, form.cleaned_data["seen_version"])
        except (submissions.TransitionError, PeriodLockedError) as exc:
            return _refused(request, period, unit_obj, exc.message)
        messages.success(request, _("Budgeten för %(unit)s är godkänd.") % {"unit": unit_obj.name})
        return redirect("cycle:status", year=year)

    return _transition(request, year, unit, act)


def send_back(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    """GET: the form with its required comment (also where a refused POST lands)."""

    def act(period, unit_obj, submission):
        require(capabilities(request).is_controller)
        form = SendBackForm(
            request.POST or None, initial={"seen_version": submission.shown_version}
        )
        if request.method == "POST" and form.is_valid():
            try:
                submissions.send_back(
                    submission,
                    request.user,
                    form.cleaned_data["comment"],
                    form.cleaned_data["seen_version"],
                )
            except (submissions.TransitionError, PeriodLockedError) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Budgeten för %(unit)s är skickad tillbaka med din kommentar.")
                    % {"unit": unit_obj.name},
                )
                return redirect("cycle:status", year=year)
        return render(
            request,
            "cycle/send_back.html",
            {"period": period, "unit": unit_obj, "submission": submission, "form": form},
            status=400 if form.errors else 200,
        )

    return _transition(request, year, unit, act)


@require_POST
def comment(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    def act(period, unit_obj, submission):
        require(capabilities(request).can_edit_unit(unit_obj))
        form = CommentForm(request.POST)
        if not form.is_valid():
            return _refused(request, period, unit_obj, _("Kommentaren är tom."))
        try:
            submissions.add_comment(submission, request.user, form.cleaned_data["text"])
        except (submissions.TransitionError, PeriodLockedError) as exc:
            return _refused(request, period, unit_obj, exc.message)
        messages.success(request, _("Kommentaren är sparad."))
        return redirect("cycle:unit", year=year, unit=unit_obj.code)

    return _transition(request, year, unit, act)


def unit_text(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    """The unit's text for the year's plan (the plan's chapter text for the unit)."""
    period = get_period_or_404(year)
    unit_obj = get_object_or_404(Unit, code=unit, federation=period.federation)
    can = capabilities(request)
    require(can.can_edit_unit(unit_obj))
    submission = submissions.for_unit(period, unit_obj)
    require(submissions.unit_may_edit(can, submission))
    instance = PlanText.objects.filter(
        period=period, section=PlanText.Section.UNIT, unit=unit_obj
    ).first() or PlanText(period=period, section=PlanText.Section.UNIT, unit=unit_obj)
    form = PlanTextForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            form.add_error(None, exc.message)
            saved = False
        if saved:
            messages.success(request, _("Texten för %(unit)s är sparad.") % {"unit": unit_obj.name})
            return redirect("cycle:unit", year=year, unit=unit_obj.code)
    return render(
        request,
        "cycle/unit_text.html",
        {"period": period, "unit": unit_obj, "form": form},
        status=400 if form.errors else 200,
    )
