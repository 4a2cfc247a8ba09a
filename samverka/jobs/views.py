from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.jobs.forms import DocumentJobForm, KoladaJobForm
from samverka.jobs.models import Job
from samverka.jobs.running import start
from samverka.orgs.federation import get_period_or_404


def _job(request: HttpRequest, code: str) -> Job:
    job = get_object_or_404(Job.objects.select_related("started_by"), code=code)
    require(job.can_be_seen_by(request.user, capabilities(request)))
    return job


def detail(request: HttpRequest, code: str) -> HttpResponse:
    """The job's page; for htmx (polling while it runs) just the progress fragment."""
    return job_page(request, _job(request, code))


def job_page(request: HttpRequest, job: Job) -> HttpResponse:
    from samverka.ledger.forms import ConfirmReplaceForm

    context = {"job": job}
    if job.kind == Job.Kind.SIE_IMPORT and job.arguments.get("needs_confirmation"):
        context["form"] = ConfirmReplaceForm(
            initial={"upload": job.arguments["upload"], "year": job.arguments["year"]}
        )
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_progress.html", context)
    return render(request, "jobs/detail.html", context)


def download(request: HttpRequest, code: str) -> HttpResponse:
    job = _job(request, code)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404(_("Jobbet har ingen fil."))
    try:
        stored = default_storage.open(job.result_file, "rb")
    except FileNotFoundError as exc:
        raise Http404(_("Filen finns inte längre; skapa dokumentet igen.")) from exc
    return FileResponse(stored, as_attachment=True, filename=job.result_file_name)


def index(request: HttpRequest) -> HttpResponse:
    """The user's own jobs, newest first (a controller sees everyone's)."""
    can = capabilities(request)
    require(can.can_view)
    jobs = Job.objects.select_related("started_by")
    if not can.is_controller:
        jobs = jobs.filter(started_by=request.user)
    return render(request, "jobs/index.html", {"jobs": jobs[:50]})


@require_POST
def start_document(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    form = DocumentJobForm(request.POST, year=year)
    if not form.is_valid():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, _("Dokumentet skapades inte: %(errors)s") % {"errors": errors})
        return redirect("reports:index")
    data = form.cleaned_data
    if data["document"] == "plan":
        title = _("Budget och verksamhetsplan %(year)s") % {"year": period.year}
    else:
        title = _("Uppföljningsrapport %(year)s per %(date)s") % {
            "year": period.year,
            "date": data["on"].isoformat(),
        }
    job = start(
        Job.Kind.DOCUMENT,
        user=request.user,
        title=f"{title} ({data['format'].upper()})",
        document=data["document"],
        year=period.year,
        format=data["format"],
        on=data["on"].isoformat() if data.get("on") else None,
    )
    return redirect(job)


@require_POST
def start_kolada(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).is_controller)
    form = KoladaJobForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hämtningen startade inte: ange åren mellan 1990 och 2100."))
        return redirect("goals:fetch_runs")
    first, last = form.cleaned_data["first_year"], form.cleaned_data["last_year"]
    job = start(
        Job.Kind.KOLADA,
        user=request.user,
        title=_("Hämtning från Kolada %(first)s–%(last)s") % {"first": first, "last": last},
        years=list(range(first, last + 1)),
    )
    return redirect(job)
