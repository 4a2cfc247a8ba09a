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


def test_an_uploaded_sie_file_waits_in_the_database_for_the_worker(queue, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from samverka.imports.models import PendingUpload
    from samverka.ledger import testing as ledger_testing
    from samverka.ledger.models import ImportBatch
    from samverka.lib.paths import SIE_SAMPLES_DIR

    federation = testing.make_federation()
    testing.make_period(federation, year=2011)
    ledger_testing.make_ranges(federation)
    client.force_login(testing.make_controller())
    content = (SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se").read_bytes()
    response = client.post(
        reverse("ledger:upload"), {"file": SimpleUploadedFile("ovnbolag.se", content)}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED
    assert PendingUpload.objects.get().size == len(content) and not ImportBatch.objects.exists()
    assert (
        "Väntar på att en bakgrundsprocess tar jobbet" in client.get(response.url).content.decode()
    )

    call_command("worker", "--batch")

    job.refresh_from_db()
    batch = ImportBatch.objects.get()
    assert job.status == Job.Status.DONE and job.done == job.total == len(content)
    assert job.result_url == reverse("ledger:batch", args=[2011, batch.code])
    assert not PendingUpload.objects.exists()
