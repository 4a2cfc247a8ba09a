"""Start long work and run it: on the queue in PostgreSQL, or at once in the request.

    job = start(Job.Kind.DOCUMENT, user=request.user, title="…", year=2026, fmt="pdf")
    return redirect(job)          # the job's page shows the progress and then the result

`start` saves a `Job` and enqueues `run(job.pk)` on Django's task backend (settings.TASKS):
the database backend in production, where `samverka worker` picks it up once the request's
transaction commits, or the immediate backend, which runs it before `start` returns. The same
code runs either way. Each kind of work is a function registered with `@kind(...)` in
`jobs/kinds.py`: it gets the job and a `Progress` and returns an `Outcome`, or raises
`JobFailed` with a Swedish message for the user.
"""

import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from samverka.audit.context import acting_as
from samverka.jobs.models import Job

logger = logging.getLogger(__name__)

# How often the progress is written at most (seconds); the page polls every two.
WRITE_EVERY = 0.5


class JobFailed(Exception):
    """The work could not be done; the message (Swedish) is what the user reads."""


@dataclass
class Outcome:
    url: str = ""
    label: str = ""
    message: str = ""
    file: str = ""
    file_name: str = ""
    # The work ran but did not succeed, and what it recorded stays (a FetchRun saying why).
    failed: str = ""


class Progress:
    """`progress(done, total, step)`: written to the job, at most every WRITE_EVERY seconds
    unless the step changes or the work is done."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last_write = 0.0
        self.last_step = None

    def __call__(self, done: int, total: int, step: str = "") -> None:
        now = time.monotonic()
        if step == self.last_step and done < total and now - self.last_write < WRITE_EVERY:
            return
        self.last_write, self.last_step = now, step
        done, total = max(0, int(done)), max(0, int(total))
        Job.objects.filter(pk=self.job.pk).update(done=min(done, total), total=total, step=step)


Handler = Callable[[Job, Progress], Outcome]
KINDS: dict[str, Handler] = {}


def kind(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        KINDS[name] = handler
        return handler

    return register


def start(kind: str, *, user=None, title: str, **arguments) -> Job:
    """Save the job and enqueue it. The arguments are stored as JSON: plain values only."""
    # The immediate backend would take anything; the queue only JSON. Fail the same way in both.
    json.dumps(arguments)
    job = Job.objects.create(
        kind=kind,
        title=title[:300],
        arguments=arguments,
        started_by=user if user is not None and user.pk else None,
    )
    result = run.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


@task()
def run(job_id: int) -> None:
    execute(job_id)


def execute(job_id: int) -> None:
    """Run a queued job once: claimed by a conditional update, so a second run does nothing."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.select_related("started_by").get(pk=job_id)
    progress = Progress(job)
    handler = KINDS[job.kind]
    # Inside a request (the immediate backend) the work gets a savepoint, so a failure leaves
    # the request's transaction usable; on the worker each workflow commits on its own, so that
    # its progress is visible to the page while it runs.
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard, acting_as(job.started_by, f"job: {job.kind}"):
            outcome = handler(job, progress)
    except JobFailed as exc:
        _finish(job, Job.Status.FAILED, message=str(exc))
    except Exception:
        logger.exception("Job %s (%s) failed", job.code, job.kind)
        _finish(
            job,
            Job.Status.FAILED,
            message=_(
                "Arbetet avbröts av ett oväntat fel; ingenting sparades. Försök igen, och "
                "kontakta administratören om felet består."
            ),
        )
    else:
        _finish(
            job,
            Job.Status.FAILED if outcome.failed else Job.Status.DONE,
            result_url=outcome.url,
            result_label=outcome.label,
            result_file=outcome.file,
            result_file_name=outcome.file_name,
            message=outcome.failed or outcome.message,
        )


def _finish(job: Job, status: str, **fields) -> None:
    fields = {"status": status, "finished_at": timezone.now(), **fields}
    if status == Job.Status.DONE:
        fields["step"] = _("Klart")
        fields["done"] = F("total")
    Job.objects.filter(pk=job.pk).update(**fields)
