"""The SIE upload runs as a job that reads the file from the database (PendingUpload): the
progress counts the file's bytes, the result is the imported batch, a replacement waits for a
confirmation on the job's page, and a bad file leaves nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.core import testing
from samverka.imports.models import PendingUpload
from samverka.jobs.models import Job
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ImportBatch
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"


@pytest.fixture
def controller(client):
    federation = testing.make_federation()
    testing.make_period(federation, year=2011)
    nord = testing.make_unit(federation, name="Nord", code="nord")
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", nord)
    client.force_login(testing.make_controller())
    return client


def _upload(client, name="ovnbolag.se", data=None):
    content = OVNBOLAG.read_bytes() if data is None else data
    return client.post(reverse("ledger:upload"), {"file": SimpleUploadedFile(name, content)})


def test_the_import_runs_as_a_job_whose_progress_is_the_bytes_read(controller):
    response = _upload(controller)
    job = Job.objects.get()
    batch = ImportBatch.objects.get()
    assert job.kind == Job.Kind.SIE_IMPORT and job.status == Job.Status.DONE
    assert job.total == OVNBOLAG.stat().st_size and job.done == job.total
    assert job.result_url == reverse("ledger:batch", args=[2011, batch.code])
    assert response.status_code == 302 and response.url == job.result_url
    # The file was read from the database and is gone once imported.
    assert not PendingUpload.objects.exists()
    page = controller.get(job.get_absolute_url()).content.decode()
    assert "Klart." in page and job.result_url in page


def test_a_replacement_waits_for_the_confirmation_on_the_jobs_page(controller):
    _upload(controller)
    first = ImportBatch.objects.get()
    response = _upload(controller, name="ny.se", data=OVNBOLAG.read_bytes() + b"\r\n")
    waiting = Job.objects.first()
    assert response.status_code == 200
    assert waiting.arguments["needs_confirmation"] is True
    page = controller.get(waiting.get_absolute_url()).content.decode()
    assert "Ersätt utfallet" in page and "redan utfall från ovnbolag.se" in page
    assert ImportBatch.objects.get(status="active") == first
    confirmed = controller.post(
        reverse("ledger:confirm_replace"), {"upload": waiting.arguments["upload"], "year": 2011}
    )
    replacing = Job.objects.first()
    assert replacing.arguments["replace"] is True and replacing.status == Job.Status.DONE
    assert confirmed.status_code == 302 and confirmed.url == replacing.result_url
    assert ImportBatch.objects.get(status="active").file_name == "ny.se"


def test_a_bad_file_fails_the_job_in_swedish_and_saves_nothing(controller):
    data = OVNBOLAG.read_bytes().replace(b"{} -128.00", b"{} -12x.00", 1)
    response = _upload(controller, name="trasig.se", data=data)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "trasig.se, rad " in job.message and "Ingenting lästes in" in job.message
    assert response.status_code == 400 and "trasig.se, rad " in response.content.decode()
    assert not ImportBatch.objects.exists() and not Actual.objects.exists()
    assert not PendingUpload.objects.exists()
    page = controller.get(job.get_absolute_url()).content.decode()
    assert "Jobbet misslyckades." in page and "trasig.se, rad " in page
