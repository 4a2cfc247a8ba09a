"""The reports pages: each period's plan as a page and as files, its adopted versions, and the
follow-up report of a chosen date. Anyone who may read the system may use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core import testing
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.reports.forms import default_date
from samverka.reports.models import DocumentVersion

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def federation():
    return testing.make_federation(name="Förbundet")


@pytest.fixture
def period(federation):
    return testing.make_period(federation, 2026)


@pytest.fixture
def reader(client):
    client.force_login(testing.make_reader())
    return client


def test_the_index_lists_each_period_with_its_plan_and_the_follow_up_form(
    builders, federation, period, reader
):
    testing.make_period(federation, 2025)
    page = reader.get(reverse("reports:index")).content.decode()
    for year in (2025, 2026):
        assert reverse("reports:plan", args=[year]) in page
        for fmt in ("pdf", "docx", "html"):
            assert reverse("reports:plan_download", args=[year, fmt]) in page
        assert f'action="{reverse("reports:follow_up", args=[year])}"' in page
    assert 'id="id_datum_2026"' in page and 'id="id_datum_2025"' in page
    # The date defaults to today, or the period's last day once the period is over.
    assert 'value="2025-12-31"' in page


def test_the_date_defaults_to_today_within_the_period():
    today = datetime.date(2026, 5, 4)
    assert default_date(2026, today) == today
    assert default_date(2025, today) == datetime.date(2025, 12, 31)
    assert default_date(2027, today) == datetime.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("pdf", "application/pdf"), ("docx", DOCX), ("html", "text/html; charset=utf-8")],
)
def test_the_plan_downloads_answer_with_their_content_type(
    builders, period, reader, fmt, content_type
):
    response = reader.get(reverse("reports:plan_download", args=[2026, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="budget-och-verksamhetsplan-2026.{fmt}"'
    )


def test_an_unknown_format_is_not_found(builders, period, reader):
    assert reader.get(reverse("reports:plan_download", args=[2026, "odt"])).status_code == 404


def test_the_plan_page_shows_the_document_inside_the_site(builders, period, reader):
    response = reader.get(reverse("reports:plan", args=[2026]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1 and 'class="site-header"' in page
    assert '<article class="document document-draft"' in page
    assert "Utkast, skapat av dagens uppgifter." in page
    assert "<style" not in page  # the site's own stylesheet styles the fragment


@pytest.mark.parametrize(("fmt", "content_type"), [("pdf", "application/pdf"), ("docx", DOCX)])
def test_the_follow_up_report_of_a_date_downloads(builders, period, reader, fmt, content_type):
    response = reader.get(
        reverse("reports:follow_up", args=[2026]), {"datum": "2026-03-31", "format": fmt}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert f'filename="uppfoljning-2026-03-31.{fmt}"' in response["Content-Disposition"]


def test_enter_in_the_date_field_means_pdf(builders, period, reader):
    response = reader.get(reverse("reports:follow_up", args=[2026]), {"datum": "2026-03-31"})
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("datum", "message"),
    [
        ("31/3 2026", "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31."),
        ("", "Ange ett datum för uppföljningen."),
        ("2025-06-30", "Uppföljningen av 2026 kan göras från 2026-01-01."),
    ],
)
def test_a_bad_date_shows_the_page_again_with_the_error_at_its_field(
    builders, period, reader, datum, message
):
    response = reader.get(
        reverse("reports:follow_up", args=[2026]), {"datum": datum, "format": "pdf"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'href="#id_datum_2026"' in page  # the error summary links to the field
    assert 'aria-invalid="true"' in page


def test_adopted_versions_are_listed_with_their_decision(builders, period, reader):
    decision = Decision.objects.create(
        federation=period.federation, date=datetime.date(2025, 11, 21), title="Budget 2026"
    )
    periods.adopt(period, decision)
    page = reader.get(reverse("reports:index")).content.decode()
    assert "Ursprunglig version" in page and str(decision) in page
    stored_on = DocumentVersion.objects.filter(period=period).first().created
    assert f"sparad {timezone.localtime(stored_on).date().isoformat()}" in page
    assert "Filerna är de som sparades när beslutet registrerades." in page
    url = reverse("reports:version_download", args=[2026, 0, "docx"])
    assert url in page
    response = reader.get(url)
    stored = DocumentVersion.objects.get(period=period, revision=0, format="docx")
    assert response.content == stored.file.read()
    assert response["Content-Type"] == DOCX
    assert reader.get(reverse("reports:version_download", args=[2026, 3, "pdf"])).status_code == 404


def test_a_logged_out_visitor_is_sent_to_the_login_page(builders, period, client):
    for url in (
        reverse("reports:index"),
        reverse("reports:plan", args=[2026]),
        reverse("reports:plan_download", args=[2026, "pdf"]),
        reverse("reports:follow_up", args=[2026]) + "?datum=2026-03-31",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_user_without_a_role_may_not_read_the_documents(builders, period, client):
    client.force_login(testing.make_user())
    assert client.get(reverse("reports:index")).status_code == 403
    assert client.get(reverse("reports:plan_download", args=[2026, "pdf"])).status_code == 403
