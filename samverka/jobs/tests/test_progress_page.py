"""The job's page: a <progress> with its text while the work runs, reloading itself without
JavaScript and polled by htmx with it; the result or the error once it ends."""

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.jobs.models import Job
from samverka.jobs.running import Progress, execute

pytestmark = pytest.mark.django_db


@pytest.fixture
def controller(client):
    testing.make_federation()
    user = testing.make_controller()
    client.force_login(user)
    return user


def _job(user, **fields):
    fields = {"kind": Job.Kind.KOLADA, "title": "Hämtning"} | fields
    return Job.objects.create(started_by=user, **fields)


def test_a_running_job_shows_its_progress_and_reloads_itself(client, controller):
    job = _job(controller, status=Job.Status.RUNNING, done=30, total=120, step="Hämtar N01951")
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<progress id="job-bar" max="100" value="25"' in page
    assert '<label for="job-bar">Hämtar N01951</label>' in page
    assert "25 % klart." in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert f'hx-get="{job.get_absolute_url()}" hx-trigger="every 2s"' in page


def test_htmx_gets_only_the_fragment(client, controller):
    job = _job(controller, status=Job.Status.RUNNING, done=1, total=2)
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "<html" not in text and 'id="job-progress"' in text and "50 % klart." in text


def test_a_queued_job_says_it_waits_for_a_worker(client, controller):
    job = _job(controller)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Väntar på att en bakgrundsprocess tar jobbet" in page


def test_a_finished_job_stops_polling(client, controller):
    job = _job(controller, status=Job.Status.DONE, result_url="/mal/hamtningar/", result_label="X")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "hx-trigger" not in page and "http-equiv" not in page and "<progress" not in page


def test_progress_is_written_to_the_job_but_not_every_line(controller):
    job = _job(controller, status=Job.Status.RUNNING)
    progress = Progress(job)
    progress(1, 10, "Läser")
    progress(2, 10, "Läser")  # within half a second: not written
    job.refresh_from_db()
    assert (job.done, job.total, job.step) == (1, 10, "Läser")
    progress(3, 10, "Sparar")  # a new step is always written
    job.refresh_from_db()
    assert (job.done, job.step) == (3, "Sparar")


def test_a_job_runs_once_even_when_the_queue_hands_it_out_twice(controller, monkeypatch):
    from samverka.jobs import running

    calls = []
    monkeypatch.setitem(
        running.KINDS, "kolada", lambda job, progress: calls.append(job) or running.Outcome()
    )
    job = _job(controller)
    execute(job.pk)
    execute(job.pk)
    assert len(calls) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_the_own_jobs_are_listed_and_a_reader_sees_only_theirs(client, controller):
    _job(controller, title="Ekonomens hämtning")
    reader = testing.make_reader()
    Job.objects.create(kind=Job.Kind.DOCUMENT, title="Läsarens dokument", started_by=reader)
    assert "Ekonomens hämtning" in client.get(reverse("jobs:index")).content.decode()
    client.force_login(reader)
    page = client.get(reverse("jobs:index")).content.decode()
    assert "Läsarens dokument" in page and "Ekonomens hämtning" not in page
