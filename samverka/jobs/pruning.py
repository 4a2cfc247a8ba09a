"""Old background work is deleted: `Job` rows (with a built document's file) and the task
queue's result rows (django-tasks-db keeps them forever otherwise). `samverka prune-jobs`,
daily from `deploy/samverka-prune.timer`.

A failed job is kept longer than a finished one. A finished job's outcome lives on in what it
made (the imported batch, the fetch run, the stored plan, each in the audit log), so its row is
only a receipt. A failed job's page holds the only account of what went wrong, in the words the
user saw, and that is what the administrator needs when a user reports the problem weeks later.
Queued and running jobs are never deleted, however old.
"""

import datetime
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samverka.jobs.models import Job

FINISHED_DAYS = 30
FAILED_TIMES_LONGER = 3


@dataclass(frozen=True)
class Pruned:
    jobs: int
    files: int
    task_results: int


def _ended_before(cutoff: datetime.datetime) -> Q:
    # A job that failed before it started has no finished_at of its own only if written by
    # hand; its creation counts then.
    return Q(finished_at__lte=cutoff) | Q(finished_at__isnull=True, created__lte=cutoff)


def prune(finished_days: int = FINISHED_DAYS, failed_days: int | None = None) -> Pruned:
    """Delete the jobs and task results that finished more than `finished_days` ago, or failed
    more than `failed_days` (default: three times as long) ago. Idempotent."""
    if failed_days is None:
        failed_days = finished_days * FAILED_TIMES_LONGER
    now = timezone.now()
    finished_cutoff = now - datetime.timedelta(days=finished_days)
    failed_cutoff = now - datetime.timedelta(days=failed_days)
    old_jobs = Job.objects.filter(
        Q(status=Job.Status.DONE) & _ended_before(finished_cutoff)
        | Q(status=Job.Status.FAILED) & _ended_before(failed_cutoff)
    )
    results = DBTaskResult.objects
    old_results = results.successful().filter(
        finished_at__lte=finished_cutoff
    ) | results.failed().filter(finished_at__lte=failed_cutoff)
    with transaction.atomic():
        files = [name for name in old_jobs.values_list("result_file", flat=True) if name]
        jobs, _by_model = old_jobs.delete()
        task_results, _by_model = old_results.delete()
        # The files go once the rows are gone for good; a rollback keeps both.
        transaction.on_commit(lambda: _delete_files(files))
    return Pruned(jobs=jobs, files=len(files), task_results=task_results)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)  # no error for a file already gone
