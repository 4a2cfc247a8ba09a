"""On PostgreSQL the work really goes through the queue: `start` only enqueues, and the job
runs when `samverka worker` takes it from the database."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from samverka.core import testing
from samverka.jobs.models import Job
from samverka.jobs.running import start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the database queue is for PostgreSQL")
    settings.SAMVERKA_TASKS = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_queued_job_waits_for_the_worker_and_then_runs(queue, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    testing.make_period(testing.make_federation(), year=2026)
    reader = testing.make_reader()
    reader.email = "lasare@example.se"
    reader.save()
    job = start(
        Job.Kind.DOCUMENT,
        user=reader,
        title="Budget och verksamhetsplan 2026 (PDF)",
        document="plan",
        year=2026,
        format="pdf",
        on=None,
    )
    assert job.status == Job.Status.QUEUED
    queued = DBTaskResult.objects.get()
    assert str(queued.id) == job.task_id and queued.status == "READY"

    call_command("worker", "--batch")

    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_file
    assert DBTaskResult.objects.get(id=queued.id).status == "SUCCESSFUL"
    # The e-mail went through the queue too, as its own task, in the same run.
    assert [m.to for m in mail.outbox] == [["lasare@example.se"]]


def test_the_worker_refuses_to_start_without_the_queue(settings):
    from django.core.management.base import CommandError

    settings.SAMVERKA_TASKS = "immediate"
    with pytest.raises(CommandError, match="SAMVERKA_TASKS=database"):
        call_command("worker", "--batch")
