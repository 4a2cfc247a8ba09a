"""The long work a user can start from the pages: each a function `(job, progress) → Outcome`.

The work itself is the owning app's (goals.fetching, ledger.importing, reports); this module
only reads the job's arguments, passes the progress on and says where the result is.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.goals import fetching
from samverka.goals.kolada import BASE_URL, KoladaClient
from samverka.goals.models import FetchRun
from samverka.imports.models import PendingUpload
from samverka.imports.pipeline import ImportRefused
from samverka.jobs.models import Job
from samverka.jobs.running import JobFailed, Outcome, Progress, kind
from samverka.ledger import importing
from samverka.ledger.sie import SieError
from samverka.lib.money import format_number
from samverka.orgs import populations
from samverka.orgs.federation import period_for_year
from samverka.orgs.models import Member, PlanningPeriod


def kolada_client() -> KoladaClient:
    # Tests replace this with a client on an httpx.MockTransport.
    return KoladaClient(BASE_URL, timeout=20.0)


def _fetch_step(label: str) -> str:
    """The fetchers' step names ("metadata", a KPI or table id, "klar") as the page says them."""
    if label == "metadata":
        return _("Kontrollerar nyckeltalens titlar")
    if label == "folkmängd":
        return _("Hämtar folkmängd")
    if label == "klar":
        return _("Sparar")
    return _("Hämtar %(source)s") % {"source": label}


def _fetch_progress(progress: Progress):
    return lambda done, total, label: progress(done, total, _fetch_step(label))


def _fetch_outcome(run: FetchRun, url: str, label: str, stored: str, failure: str) -> Outcome:
    if run.status == FetchRun.Status.FAILED:
        # The FetchRun saying why stays recorded: the job fails without rolling it back.
        return Outcome(url=url, label=label, failed=f"{failure} {run.message}")
    message = stored % {"n": run.stored}
    return Outcome(
        url=url, label=label, message=f"{message}\n{run.message}" if run.message else message
    )


@kind(Job.Kind.KOLADA)
def fetch_kolada(job: Job, progress: Progress) -> Outcome:
    client = kolada_client()
    try:
        run = fetching.fetch_kolada(
            client, job.arguments["years"], progress=_fetch_progress(progress)
        )
    finally:
        client.close()
    return _fetch_outcome(
        run,
        reverse("goals:fetch_runs"),
        _("Hämtningarna"),
        _("Hämtat från Kolada: %(n)s värden sparade."),
        _("Hämtningen från Kolada misslyckades."),
    )


@kind(Job.Kind.SCB)
def fetch_scb(job: Job, progress: Progress) -> Outcome:
    code = job.arguments.get("member")
    members = list(Member.objects.filter(municipality_code=code)) if code else None
    client = populations.scb_client()
    try:
        run = fetching.fetch_scb(
            client,
            [job.arguments["year"]],
            progress=_fetch_progress(progress),
            members=members,
            indicators=False,
        )
    finally:
        client.close()
    return _fetch_outcome(
        run,
        reverse("orgs:member", args=[code]) if code else reverse("orgs:members"),
        members[0].name if members else _("Medlemskommunerna"),
        _("Hämtat från SCB: %(n)s värden sparade."),
        _("Hämtningen från SCB misslyckades; folkmängden är oförändrad."),
    )


@kind(Job.Kind.SIE_IMPORT)
def import_sie(job: Job, progress: Progress) -> Outcome:
    """The upload is read from the database (PendingUpload), so any server may run this."""
    arguments = job.arguments
    upload = PendingUpload.objects.filter(
        code=arguments["upload"], kind=PendingUpload.Kind.SIE, uploaded_by=job.started_by
    ).first()
    if upload is None:
        raise JobFailed(_("Den uppladdade filen finns inte längre; ladda upp den igen."))
    size = upload.size

    def read(lines: int, position: int) -> None:
        progress(position, size, _("%(lines)s rader lästa") % {"lines": format_number(lines)})

    progress(0, size, _("Läser filen"))
    try:
        result = importing.import_sie(
            io.BytesIO(bytes(upload.content)),
            file_name=upload.file_name,
            year=arguments.get("year"),
            replace=arguments.get("replace", False),
            user=job.started_by,
            on_progress=read,
        )
    except SieError as exc:
        raise JobFailed(importing.describe_error(exc, upload.file_name)) from exc
    except ImportRefused as exc:
        raise JobFailed(str(exc)) from exc
    message = "\n".join(result.messages)
    if result.status == "needs_confirmation":
        # The page asks; confirming starts a new job with replace=True on the same upload.
        PendingUpload.objects.filter(pk=upload.pk).update(
            summary={"year": result.period.year, "replaces": result.replaced.file_name}
        )
        Job.objects.filter(pk=job.pk).update(
            arguments={**arguments, "year": result.period.year, "needs_confirmation": True}
        )
        return Outcome(message=message)
    upload.delete()
    batch = result.batch
    return Outcome(
        url=reverse("ledger:batch", args=[result.period.year, batch.code]),
        label=_("Inläsningen %(name)s") % {"name": batch.file_name},
        message=message,
    )


def _period(year: int) -> PlanningPeriod:
    period = period_for_year(year)
    if period is None:
        raise JobFailed(_("Det finns ingen planeringsperiod för %(year)s.") % {"year": year})
    return period


@kind(Job.Kind.DOCUMENT)
def build_document(job: Job, progress: Progress) -> Outcome:
    """Build the plan or the follow-up report, store the file; the page links to it."""
    from samverka.notifications import events
    from samverka.reports import builders, outputs, versions

    arguments = job.arguments
    period = _period(arguments["year"])
    fmt = arguments["format"]
    progress(0, 3, _("Hämtar uppgifterna och bygger dokumentet"))
    if arguments["document"] == "plan":
        rendered = versions.plan_file(period, fmt).rendered
    else:
        document = builders.follow_up(period, datetime.date.fromisoformat(arguments["on"]))
        progress(1, 3, _("Skriver %(format)s") % {"format": fmt.upper()})
        rendered = outputs.render(document, fmt)
    progress(2, 3, _("Sparar filen"))
    name = default_storage.save(
        f"jobs/{job.code}/{rendered.filename}", ContentFile(rendered.content)
    )
    events.document_built(job)
    return Outcome(
        url=reverse("jobs:download", args=[job.code]),
        label=rendered.filename,
        file=name,
        file_name=rendered.filename,
    )
