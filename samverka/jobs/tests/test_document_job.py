"""A document built in the background from /rapporter/: the job runs, its page links to the
file, the file is handed out only through the access-checked view, and a failure says why."""

import pytest
from django.core import mail
from django.urls import reverse

from samverka.core import testing
from samverka.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    return testing.make_period(testing.make_federation(), year=2026)


def _start(client, **data):
    fields = {"document": "plan", "format": "pdf", "on": "2026-06-30"} | data
    return client.post(reverse("jobs:start_document", args=[2026]), fields)


def test_the_reports_page_offers_to_build_a_document_in_the_background(client, period):
    client.force_login(testing.make_reader())
    page = client.get(reverse("reports:index")).content.decode()
    assert reverse("jobs:start_document", args=[2026]) in page
    assert "Skapa dokumentet" in page


def test_a_built_plan_is_stored_and_linked_from_the_jobs_page(client, period, builders):
    reader = testing.make_reader()
    reader.email = "lasare@example.se"
    reader.save()
    client.force_login(reader)
    response = _start(client)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.started_by == reader
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    page = client.get(response.url).content.decode()
    assert "Klart." in page
    assert reverse("jobs:download", args=[job.code]) in page
    assert "budget-och-verksamhetsplan-2026.pdf" in page
    assert 'http-equiv="refresh"' not in page  # a finished job's page stops reloading
    download = client.get(reverse("jobs:download", args=[job.code]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "budget-och-verksamhetsplan-2026.pdf" in download["Content-Disposition"]


def test_the_follow_up_report_is_built_for_the_date_chosen(client, period, builders):
    client.force_login(testing.make_controller())
    _start(client, document="followup", format="docx", on="2026-08-31")
    job = Job.objects.get()
    assert job.status == Job.Status.DONE
    assert "2026-08-31" in job.title and job.result_file_name.endswith(".docx")


def test_the_file_is_only_for_its_starter_and_the_controllers(client, period, builders):
    starter = testing.make_reader()
    client.force_login(starter)
    _start(client)
    job = Job.objects.get()
    client.force_login(testing.make_user("reader", username="annan"))
    assert client.get(reverse("jobs:download", args=[job.code])).status_code == 403
    assert client.get(job.get_absolute_url()).status_code == 403
    client.force_login(testing.make_controller())
    assert client.get(reverse("jobs:download", args=[job.code])).status_code == 200


def test_a_failed_build_shows_the_swedish_message_and_stores_no_file(
    client, period, monkeypatch, media
):
    from samverka.reports import builders

    def broken(period):
        raise RuntimeError("boom")

    monkeypatch.setattr(builders, "plan", broken)
    client.force_login(testing.make_reader())
    response = _start(client)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not job.result_file
    page = client.get(response.url).content.decode()
    assert "Jobbet misslyckades." in page
    assert "Arbetet avbröts av ett oväntat fel; ingenting sparades." in page
    assert "boom" not in page
    assert not media.exists("jobs")
    assert client.get(reverse("jobs:download", args=[job.code])).status_code == 404
    assert mail.outbox == []


def test_a_follow_up_before_the_year_starts_is_refused_with_the_reason(client, period):
    client.force_login(testing.make_reader())
    response = client.post(
        reverse("jobs:start_document", args=[2026]),
        {"document": "followup", "format": "pdf", "on": "2025-12-31"},
        follow=True,
    )
    assert not Job.objects.exists()
    assert "Uppföljningen av 2026 kan göras från 2026-01-01." in response.content.decode()


def test_the_starter_is_told_by_e_mail_when_the_document_is_ready(
    client, period, builders, settings, django_capture_on_commit_callbacks
):
    settings.SAMVERKA_BASE_URL = "https://samverka.example.se"
    reader = testing.make_reader()
    reader.email = "lasare@example.se"
    reader.save()
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        _start(client)
    job = Job.objects.get()
    (message,) = mail.outbox
    assert message.to == ["lasare@example.se"]
    assert message.subject == f"Dokumentet är klart: {job.title}"
    assert f"https://samverka.example.se{job.get_absolute_url()}" in message.body
