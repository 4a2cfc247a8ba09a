"""The upload page: controller only, confirmation before replacing, bad files import nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.core import testing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ImportBatch
from samverka.lib.money import format_kr
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
NBSP = "\u00a0"


@pytest.fixture
def world(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2011)
    nord = testing.make_unit(federation, name="Nord", code="nord")
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", nord)
    return federation, period, nord


def _upload(client, name="transaktioner_ovnbolag.se", data=None, **extra):
    content = OVNBOLAG.read_bytes() if data is None else data
    return client.post(
        reverse("ledger:upload"), {"file": SimpleUploadedFile(name, content), **extra}
    )


def test_a_controller_uploads_a_file_and_sees_the_unmapped_objects(client, world):
    client.force_login(testing.make_controller())
    response = _upload(client)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.imported_by is not None
    page = client.get(response.url).content.decode()
    assert "lästes in i 2011" in page
    assert "Avendo" in page and "4E" in page
    assert "Syd" in page  # the unmapped cost centre, listed
    syd = sum(
        Actual.objects.filter(object_code="Syd", unit__isnull=True).values_list("amount", flat=True)
    )
    assert format_kr(syd) in page


def test_uploading_the_same_file_again_changes_nothing(client, world):
    client.force_login(testing.make_controller())
    _upload(client)
    rows = Actual.objects.count()
    response = _upload(client)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "redan inläst" in page
    assert ImportBatch.objects.count() == 1 and Actual.objects.count() == rows


def test_a_second_file_replaces_the_first_only_after_confirmation(client, world):
    client.force_login(testing.make_controller())
    _upload(client)
    first = ImportBatch.objects.get()
    response = _upload(client, name="ny.se", data=OVNBOLAG.read_bytes() + b"\r\n")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ersätt utfallet" in page
    assert ImportBatch.objects.get(status="active") == first  # nothing replaced yet
    code = response.context["form"].initial["upload"]
    confirmed = client.post(reverse("ledger:confirm_replace"), {"upload": code, "year": 2011})
    assert confirmed.status_code == 302
    assert ImportBatch.objects.get(status="active").file_name == "ny.se"
    first.refresh_from_db()
    assert first.status == ImportBatch.Status.REPLACED
    assert not first.actuals.exists()


def test_a_garbled_upload_imports_nothing_and_names_the_line(client, world):
    client.force_login(testing.make_controller())
    data = OVNBOLAG.read_bytes().replace(b"{} -128.00", b"{} -12x.00", 1)
    response = _upload(client, name="trasig.se", data=data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "trasig.se, rad " in page and "Ingenting lästes in" in page
    assert not ImportBatch.objects.exists() and not Actual.objects.exists()


def test_only_a_controller_may_upload(client, world):
    _federation, _period, nord = world
    client.force_login(testing.make_unit_manager(nord))
    assert client.get(reverse("ledger:upload")).status_code == 403
    assert _upload(client).status_code == 403
    assert not ImportBatch.objects.exists()


def test_mapping_a_cost_centre_moves_the_imported_actuals(client, world):
    federation, _period, _nord = world
    syd = testing.make_unit(federation, name="Syd", code="syd")
    client.force_login(testing.make_controller())
    _upload(client)
    batch = ImportBatch.objects.get()
    assert not Actual.objects.filter(unit=syd).exists()
    response = client.post(
        reverse("ledger:mapping"),
        {"dimension": "1", "object_code": "Syd", "unit": syd.pk, "seen_version": 0},
    )
    assert response.status_code == 302
    client.post(reverse("ledger:batch_remap", args=[2011, batch.code]))
    assert Actual.objects.filter(unit=syd).exists()
    assert not Actual.objects.filter(object_code="Syd", unit__isnull=True).exists()
