"""SIE imports that must not succeed half-way or answer 500: a year override outside the
file, an unbalanced voucher, an oversize upload, batch addresses, empty batches, the audit
entry, and the real sample files."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.ledger import importing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ImportBatch
from samverka.ledger.sie import read
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
SAMPLES = sorted(SIE_SAMPLES_DIR.glob("*.[sS][eE]"))


@pytest.fixture
def world():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2011)
    ledger_testing.make_ranges(federation)
    return federation, period


def _counts():
    return ImportBatch.objects.count(), Actual.objects.count()


def test_a_year_override_outside_the_files_dates_is_refused_with_the_years_it_holds(world):
    federation, _period = world
    testing.make_period(federation, year=2012)
    with pytest.raises(importing.ImportRefused) as caught:
        importing.import_sie(OVNBOLAG, year=2012)
    message = str(caught.value)
    assert "inga transaktioner på resultatkonton daterade 2012" in message
    assert "från 2011" in message
    assert _counts() == (0, 0)


def test_the_upload_page_refuses_a_year_override_without_rows_and_keeps_the_current_file(
    client, world
):
    federation, _period = world
    testing.make_period(federation, year=2012)
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("ledger:upload"),
        {"file": SimpleUploadedFile("ovn.se", OVNBOLAG.read_bytes()), "year": 2012},
    )
    assert response.status_code == 400
    assert "daterade 2012" in response.content.decode()
    assert not ImportBatch.objects.filter(period__year=2012).exists()


def test_an_unbalanced_voucher_refuses_the_file_naming_its_line(world, tmp_path):
    lines = OVNBOLAG.read_bytes().split(b"\n")
    path = tmp_path / "obalans.se"
    # Change one amount: its voucher no longer sums to zero.
    first_trans = next(n for n, line in enumerate(lines) if line.lstrip().startswith(b"#TRANS"))
    fields = lines[first_trans].split()
    fields[3] = b"1" + fields[3].lstrip(b"-")
    lines[first_trans] = b" ".join(fields)
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(importing.ImportRefused) as caught:
        importing.import_sie(path)
    (problem,) = caught.value.problems
    assert problem.file == "obalans.se"
    assert problem.line is not None and problem.line < first_trans + 1
    assert "balanserar inte" in problem.message
    assert _counts() == (0, 0)


def test_an_upload_above_the_size_limit_is_refused_in_swedish(client, world, settings):
    settings.SAMVERKA_SIE_MAX_BYTES = 100_000
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("ledger:upload"),
        {"file": SimpleUploadedFile("stor.se", b"#FLAGGA 0\n" * 20_000)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "stor.se: filen är 0,2 MB; högst 0,1 MB tas emot." in page
    assert _counts() == (0, 0)


def test_a_batch_is_found_by_its_unique_code_and_an_ambiguous_prefix_is_a_404(
    client, world, tmp_path
):
    other = tmp_path / "ny.se"
    other.write_bytes(OVNBOLAG.read_bytes() + b"\r\n")
    first = importing.import_sie(OVNBOLAG).batch
    importing.import_sie(other, replace=True)
    again = importing.import_sie(OVNBOLAG, replace=True).batch  # the same file, a new batch
    assert first.sha256 == again.sha256 and first.code != again.code
    assert again.code == f"{first.code}-2"
    client.force_login(testing.make_reader())
    url = lambda code: reverse("ledger:batch", args=[2011, code])  # noqa: E731
    assert client.get(url(first.code)).context["batch"] == first
    assert client.get(url(again.code)).context["batch"] == again
    assert client.get(url(first.sha256[:6])).status_code == 404


def test_the_page_of_a_batch_without_rows_answers(client, world):
    batch = importing.import_sie(SIE_SAMPLES_DIR / "objektsaldo_ovnbolag.se").batch
    assert batch.counts["actual_rows"] == 0
    client.force_login(testing.make_reader())
    response = client.get(reverse("ledger:batch", args=[2011, batch.code]))
    assert response.status_code == 200
    assert "Inläst summa" in response.content.decode()


def test_an_import_leaves_one_audit_entry_with_its_counts_and_hash(world, tmp_path):
    before = LogEntry.objects.filter(action="ledger.sie_imported").count()
    result = importing.import_sie(OVNBOLAG)
    other = tmp_path / "ny.se"
    other.write_bytes(OVNBOLAG.read_bytes() + b"\r\n")
    rows = Actual.objects.count()
    replaced = importing.import_sie(other, replace=True)

    entries = list(LogEntry.objects.filter(action="ledger.sie_imported").order_by("pk"))
    assert len(entries) == before + 2
    first, second = entries[-2:]
    assert first.data["sha256"] == hashlib.sha256(OVNBOLAG.read_bytes()).hexdigest()
    assert first.data["counts"] == {
        "read": 671,
        "created": result.batch.counts["actual_rows"],
        "updated": 0,
        "deleted": 0,
        "vouchers": 163,
    }
    assert second.data["sha256"] == replaced.sha256
    assert second.data["counts"]["deleted"] == rows
    assert second.data["replaced"] == OVNBOLAG.name


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_the_real_sample_files_still_import(sample):
    federation = testing.make_federation()
    ledger_testing.make_ranges(federation)
    year = importing.default_year(read(sample))
    testing.make_period(federation, year=year)
    result = importing.import_sie(sample)
    assert result.status == "imported"
    assert result.batch.counts["actual_rows"] == Actual.objects.filter(batch=result.batch).count()
