from decimal import Decimal

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.budget.models import LineKind
from samverka.core.forms import save_or_conflict
from samverka.imports import limits, pending
from samverka.imports.models import PendingUpload
from samverka.imports.pipeline import ImportRefused
from samverka.jobs.models import Job
from samverka.jobs.running import start
from samverka.jobs.views import job_page
from samverka.ledger import followup, importing, tables
from samverka.ledger.forms import (
    ConfirmReplaceForm,
    CostCentreForm,
    ManualForecastForm,
    UploadForm,
    VarianceCommentForm,
)
from samverka.ledger.models import (
    AccountRange,
    Actual,
    CostCentreMapping,
    ImportBatch,
    ManualForecast,
    VarianceComment,
)
from samverka.orgs.federation import current, get_period_or_404
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.reports import exports

MONTH_CHOICES = [(m, MONTHS[m]) for m in range(1, 13)]


def _month(request: HttpRequest, batch: ImportBatch | None) -> int:
    default = (batch.through_month if batch else None) or 12
    try:
        month = int(request.GET.get("manad", default))
    except ValueError:
        return default
    return month if 1 <= month <= 12 else default


def _kind(value: str) -> str:
    if value not in LineKind.values:
        raise Http404
    return value


def index(request: HttpRequest) -> HttpResponse:
    periods = list(federation_periods())
    require(capabilities(request).can_view)
    batches = {
        b.period_id: b
        for b in ImportBatch.objects.filter(status=ImportBatch.Status.ACTIVE).select_related(
            "imported_by"
        )
    }
    rows = [(p, batches.get(p.pk)) for p in periods]
    return render(request, "ledger/index.html", {"rows": rows})


def period(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    batch = followup.active_batch(period)
    month = _month(request, batch)
    summaries = followup.period_follow_up(period, month)
    if exports.requested(request):
        table = tables.period_table(period, month, summaries)
        return exports.export_response(request, [table], table.key)
    return render(
        request,
        "ledger/period.html",
        {
            "period": period,
            "batch": batch,
            "month": month,
            "month_name": MONTHS[month],
            "months": MONTH_CHOICES,
            "summaries": summaries,
            "total": tables.federation_total(summaries) if summaries else None,
            "downloads": exports.links(
                request,
                _("utfallet %(year)s till och med %(month)s")
                % {"year": period.year, "month": MONTHS[month]},
            ),
        },
    )


def unit(request: HttpRequest, year: int, unit_code: str) -> HttpResponse:
    period = get_period_or_404(year)
    unit = get_object_or_404(Unit, code=unit_code, federation_id=period.federation_id)
    can = capabilities(request)
    require(can.can_view)
    batch = followup.active_batch(period)
    month = _month(request, batch)
    follow = followup.unit_follow_up(period, unit, month)
    if exports.requested(request):
        table = tables.unit_table(follow)
        return exports.export_response(request, [table], table.key)
    return render(
        request,
        "ledger/unit.html",
        {
            "period": period,
            "unit": unit,
            "batch": batch,
            "month": month,
            "month_name": MONTHS[month],
            "months": MONTH_CHOICES,
            "follow": follow,
            "can_edit": can.can_edit_unit(unit),
            "downloads": exports.links(
                request,
                _("utfallet för %(unit)s %(year)s, %(month)s")
                % {"unit": unit.name, "year": period.year, "month": MONTHS[month]},
            ),
        },
    )


def comment(request: HttpRequest, year: int, unit_code: str, month: int, kind: str) -> HttpResponse:
    period = get_period_or_404(year)
    unit = get_object_or_404(Unit, code=unit_code, federation_id=period.federation_id)
    require(capabilities(request).can_edit_unit(unit))
    kind = _kind(kind)
    if not 1 <= month <= 12:
        raise Http404
    instance = VarianceComment.objects.filter(
        period=period, unit=unit, line_kind=kind, month=month
    ).first() or VarianceComment(period=period, unit=unit, line_kind=kind, month=month)
    form = VarianceCommentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Kommentaren sparades."))
        return redirect(_unit_url(period, unit, month))
    return render(
        request,
        "ledger/comment.html",
        {
            "period": period,
            "unit": unit,
            "month": month,
            "month_name": MONTHS[month],
            "kind_label": LineKind(kind).label,
            "form": form,
        },
    )


def forecast(request: HttpRequest, year: int, unit_code: str, kind: str) -> HttpResponse:
    period = get_period_or_404(year)
    unit = get_object_or_404(Unit, code=unit_code, federation_id=period.federation_id)
    require(capabilities(request).can_edit_unit(unit))
    kind = _kind(kind)
    existing = ManualForecast.objects.filter(period=period, unit=unit, line_kind=kind).first()
    if request.method == "POST" and "remove" in request.POST:
        if existing:
            existing.delete()
            messages.success(request, _("Den manuella prognosen togs bort."))
        return redirect(_unit_url(period, unit, None))
    instance = existing or ManualForecast(period=period, unit=unit, line_kind=kind)
    form = ManualForecastForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Prognosen sparades."))
        return redirect(_unit_url(period, unit, None))
    return render(
        request,
        "ledger/forecast.html",
        {
            "period": period,
            "unit": unit,
            "kind_label": LineKind(kind).label,
            "form": form,
            "existing": existing,
        },
    )


def _unit_url(period, unit, month) -> str:
    from django.urls import reverse

    url = reverse("ledger:unit", args=[period.year, unit.code])
    return f"{url}?manad={month}" if month else url


def upload(request: HttpRequest) -> HttpResponse:
    can = capabilities(request)
    require(can.is_controller)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        pending.purge_expired()  # every upload clears what waited too long
        upload = form.cleaned_data["file"]
        try:
            limits.check_size(upload.size, limits.SIE, upload.name)
        except ImportRefused as exc:
            error = str(exc)
        else:
            # Kept in the database, so that the worker (or any app server) reads it from there.
            upload_row = pending.store(
                PendingUpload.Kind.SIE, upload, file_name=upload.name, user=request.user
            )
            job = start(
                Job.Kind.SIE_IMPORT,
                user=request.user,
                title=_("Inläsning av %(name)s") % {"name": upload.name},
                upload=upload_row.code,
                year=form.cleaned_data["year"],
            )
            response, error = _after_import(request, job)
            if response is not None:
                return response
    status = 400 if error or form.errors else 200
    return render(request, "ledger/upload.html", {"form": form, "error": error}, status=status)


def _after_import(request: HttpRequest, job: Job) -> tuple[HttpResponse | None, str | None]:
    """Where an import job leads: still queued or waiting for a confirmation, its page; when it
    already ran (the immediate backend), its batch, or the upload page with the error."""
    if job.status == Job.Status.FAILED:
        PendingUpload.objects.filter(code=job.arguments["upload"]).delete()
        return None, job.message
    if job.status == Job.Status.DONE and job.result_url:
        for message in job.message.splitlines():
            messages.success(request, message)
        return redirect(job.result_url), None
    if job.status == Job.Status.DONE:  # the period has actuals: the job's page asks
        return job_page(request, job), None
    return redirect(job), None


@require_POST
def confirm_replace(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).is_controller)
    form = ConfirmReplaceForm(request.POST)
    if not form.is_valid():
        raise Http404
    period = get_period_or_404(form.cleaned_data["year"])
    upload = pending.take(form.cleaned_data["upload"], PendingUpload.Kind.SIE, user=request.user)
    if upload is None:
        messages.error(request, _("Den uppladdade filen finns inte längre; ladda upp den igen."))
        return redirect("ledger:upload")
    job = start(
        Job.Kind.SIE_IMPORT,
        user=request.user,
        title=_("Inläsning av %(name)s") % {"name": upload.file_name},
        upload=upload.code,
        year=period.year,
        replace=True,
    )
    response, error = _after_import(request, job)
    if response is not None:
        return response
    return render(request, "ledger/upload.html", {"form": UploadForm(), "error": error}, status=400)


def _batch(year: int, code: str, **filters) -> tuple[PlanningPeriod, ImportBatch]:
    """The batch with exactly this code: codes are unique, a prefix of one is no address."""
    period = get_period_or_404(year)
    return period, get_object_or_404(ImportBatch, period=period, code=code, **filters)


def batch(request: HttpRequest, year: int, code: str) -> HttpResponse:
    period, batch = _batch(year, code)
    require(capabilities(request).can_view)
    if exports.requested(request):
        return exports.export_response(
            request, tables.unmapped_tables(batch), f"ej-kopplat-{batch.code}"
        )
    actuals = Actual.objects.filter(batch=batch).order_by()
    by_object = (
        actuals.filter(unit__isnull=True)
        .values_list("dimension", "object_code")
        .annotate(total=Sum("amount"))
        .order_by("dimension", "object_code")
    )
    by_account = (
        actuals.filter(line_kind__isnull=True)
        .values_list("account")
        .annotate(total=Sum("amount"))
        .order_by("account")
    )
    # A batch without rows has no totals stored: show zeros rather than nothing.
    totals = {key: Decimal(0) for key in ("imported", "unmapped")}
    totals |= {k: Decimal(v) for k, v in batch.totals.items() if v not in (None, "")}
    return render(
        request,
        "ledger/batch.html",
        {
            "period": period,
            "batch": batch,
            "by_object": list(by_object),
            "by_account": list(by_account),
            "totals": totals,
            "through_month_name": MONTHS.get(batch.through_month, ""),
            "downloads": exports.links(
                request, _("det som inte är kopplat"), tables.unmapped_tables(batch)
            ),
        },
    )


@require_POST
def batch_remap(request: HttpRequest, year: int, code: str) -> HttpResponse:
    period, batch = _batch(year, code, status=ImportBatch.Status.ACTIVE)
    require(capabilities(request).is_controller)
    changed = importing.remap(batch)
    messages.success(
        request,
        _("Den nuvarande kopplingen tillämpades: %(n)s rader utfall flyttades.") % {"n": changed},
    )
    return redirect("ledger:batch", year=year, code=batch.code)


def mapping(request: HttpRequest) -> HttpResponse:
    federation = current()
    can = capabilities(request)
    require(can.can_view)
    instance = CostCentreMapping(federation=federation)
    if request.method == "POST":
        require(can.is_controller)
        # The mapping is addressed by its natural key: an existing one is changed, never
        # duplicated, and only by someone who saw it (its version).
        instance = (
            CostCentreMapping.objects.filter(
                federation=federation,
                dimension=request.POST.get("dimension", "").strip(),
                object_code=request.POST.get("object_code", "").strip(),
            ).first()
            or instance
        )
    form = CostCentreForm(request.POST or None, instance=instance, federation=federation)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Kostnadsstället kopplades till enheten."))
        return redirect("ledger:mapping")
    return render(
        request,
        "ledger/mapping.html",
        {
            "federation": federation,
            "ranges": AccountRange.objects.filter(federation=federation),
            "centres": CostCentreMapping.objects.filter(federation=federation).select_related(
                "unit"
            ),
            "form": form,
            "can_edit": can.is_controller,
        },
        status=400 if form.errors else 200,
    )
