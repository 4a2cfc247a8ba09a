"""A file waiting for "replace?" lives in the database: any app server finishes it, and it
expires after a day."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.core import testing
from samverka.imports.models import PendingUpload
from samverka.ledger import importing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import ImportBatch
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
NEWER = OVNBOLAG.read_bytes() + b"\r\n"


@pytest.fixture
def controller(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "server-a"
    federation = testing.make_federation()
    testing.make_period(federation, year=2011)
    ledger_testing.make_ranges(federation)
    importing.import_sie(OVNBOLAG)
    client.force_login(testing.make_controller())
    return client


def _upload_newer(client):
    response = client.post(reverse("ledger:upload"), {"file": SimpleUploadedFile("ny.se", NEWER)})
    assert response.status_code == 200  # the confirmation page
    return response.context["form"].initial["upload"]


def _confirm(client, code):
    return client.post(reverse("ledger:confirm_replace"), {"upload": code, "year": 2011})


def test_a_pending_upload_is_kept_in_the_database_and_finished_from_there(
    controller, settings, tmp_path
):
    code = _upload_newer(controller)
    pending = PendingUpload.objects.get(code=code)
    assert bytes(pending.content) == NEWER and pending.file_name == "ny.se"
    assert pending.summary == {"year": 2011, "replaces": OVNBOLAG.name}
    assert not list(tmp_path.rglob("*.se"))  # nothing on this server's disk
    settings.DATA_DIR = tmp_path / "server-b"  # another app server finishes it

    response = _confirm(controller, code)

    assert response.status_code == 302
    assert ImportBatch.objects.get(status="active").file_name == "ny.se"
    assert not PendingUpload.objects.exists()


def test_a_pending_upload_older_than_a_day_cannot_be_finished(controller):
    code = _upload_newer(controller)
    PendingUpload.objects.update(created=timezone.now() - dt.timedelta(hours=25))

    response = _confirm(controller, code)

    assert response.status_code == 302 and response.url == reverse("ledger:upload")
    page = controller.get(response.url).content.decode()
    assert "finns inte längre" in page
    assert ImportBatch.objects.get(status="active").file_name == OVNBOLAG.name


def test_a_new_upload_removes_the_expired_ones(controller):
    _upload_newer(controller)
    PendingUpload.objects.update(created=timezone.now() - dt.timedelta(hours=25))
    fresh = _upload_newer(controller)
    assert list(PendingUpload.objects.values_list("code", flat=True)) == [fresh]


def test_any_upload_removes_the_expired_ones_even_one_that_needs_no_confirmation(controller):
    _upload_newer(controller)
    PendingUpload.objects.update(created=timezone.now() - dt.timedelta(hours=25))
    response = controller.post(
        reverse("ledger:upload"), {"file": SimpleUploadedFile("same.se", OVNBOLAG.read_bytes())}
    )
    assert response.status_code == 302  # the same file: unchanged, nothing to confirm
    assert not PendingUpload.objects.exists()


def test_purge_uploads_deletes_expired_uploads_and_can_run_again(controller, capsys):
    old, fresh = _upload_newer(controller), _upload_newer(controller)
    PendingUpload.objects.filter(code=old).update(created=timezone.now() - dt.timedelta(hours=25))
    call_command("purge_uploads")
    call_command("purge_uploads")
    assert list(PendingUpload.objects.values_list("code", flat=True)) == [fresh]
    out = capsys.readouterr().out
    assert "1 väntande uppladdningar togs bort." in out
    assert "0 väntande uppladdningar togs bort." in out


def test_another_users_pending_upload_cannot_be_finished(controller):
    code = _upload_newer(controller)
    other = Client()
    other.force_login(testing.make_controller())
    response = _confirm(other, code)
    assert response.status_code == 302 and response.url == reverse("ledger:upload")
    assert PendingUpload.objects.filter(code=code).exists()
