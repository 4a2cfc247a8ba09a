"""Adopting a period stores its plan in every format; the downloads hand out what was adopted."""

import datetime
import hashlib
import re
import sys

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import GoverningBody, PlanningPeriod
from samverka.reports import versions
from samverka.reports.models import DocumentVersion
from samverka.reports.tests._pdf import pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    federation = testing.make_federation(name="Skaraborgs Kommunalförbund")
    return testing.make_period(federation, 2026)


def _board(period) -> GoverningBody:
    board, _created = GoverningBody.objects.get_or_create(
        code="direktion",
        defaults={
            "federation": period.federation,
            "name": "Direktionen",
            "kind": "board",
            "is_decision_making": True,
        },
    )
    return board


def _decision(period, day=21, number="§ 45"):
    return Decision.objects.create(
        federation=period.federation,
        body=_board(period),
        number=number,
        date=datetime.date(2025, 11, day),
        title="Budget och verksamhetsplan 2026",
    )


def _figures(text: str) -> list[str]:
    return re.findall(r"−?\d{1,3}(?:\u00a0\d{3})+|−?\d{1,3}(?: \d{3})+", text)


def test_adoption_stores_the_plan_as_pdf_word_and_html(builders, period):
    decision = _decision(period)
    periods.adopt(period, decision)
    stored = {v.format: v for v in DocumentVersion.objects.filter(period=period)}
    assert set(stored) == {"pdf", "docx", "html"}
    for version in stored.values():
        content = version.file.read()
        assert version.revision == 0 and version.decision == decision
        assert version.size == len(content) > 1000
        assert version.sha256 == hashlib.sha256(content).hexdigest()
        assert version.filename.startswith("budget-och-verksamhetsplan-2026.")
    cover = pdf_pages(stored["pdf"].file.open("rb").read())[0]
    assert "UTKAST" not in cover and "Direktionen 2025-11-21 § 45" in cover


def test_an_adopted_plan_is_never_stored_as_a_draft(builders, period, monkeypatch):
    # A builder that forgets to say so still gives an adopted document, the decision named.
    def as_draft(period):
        document = builders.plan(period)
        document.draft, document.decision = True, ""
        return document

    monkeypatch.setattr(sys.modules["samverka.reports.plan"], "build", as_draft)
    periods.adopt(period, _decision(period))
    html = DocumentVersion.objects.get(period=period, format="html").file.read().decode()
    assert 'class="draft-banner"' not in html and "Direktionen 2025-11-21 § 45" in html


def test_a_revision_stores_new_files_and_keeps_the_adopted_ones(builders, period):
    periods.adopt(period, _decision(period))
    periods.open_revision(period)
    builders.edition = "Utgåva 2"
    periods.adopt(period, _decision(period, day=28, number="§ 52"))
    kept = DocumentVersion.objects.filter(period=period).order_by("revision", "format")
    assert [(v.revision, v.format) for v in kept] == [
        (0, "docx"),
        (0, "html"),
        (0, "pdf"),
        (1, "docx"),
        (1, "html"),
        (1, "pdf"),
    ]
    first, second = (kept.get(revision=n, format="html").file.read().decode() for n in (0, 1))
    assert "Utgåva 1" in first and "Utgåva 2" in second
    assert kept.get(revision=1, format="pdf").filename.endswith("-revidering-1.pdf")


def test_a_failed_build_stops_the_adoption_with_a_clear_message(builders, period):
    builders.fail_with = RuntimeError("tabellen för 2026 saknas")
    with pytest.raises(versions.DocumentNotStoredError) as raised:
        periods.adopt(period, _decision(period))
    assert "Perioden 2026 antogs inte" in raised.value.message
    assert "tabellen för 2026 saknas" in raised.value.message
    period.refresh_from_db()
    assert period.status == PlanningPeriod.Status.DRAFT
    assert not DocumentVersion.objects.exists()


def test_the_adoption_page_says_why_the_period_was_not_adopted(builders, period, client):
    builders.fail_with = RuntimeError("tabellen för 2026 saknas")
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("orgs:period_adopt", args=[2026]),
        {"body": _board(period).pk, "title": "Budget", "date": "2025-11-21", "number": "§ 45"},
        follow=True,
    )
    assert "planen kunde inte skapas och sparas" in response.content.decode()
    period.refresh_from_db()
    assert period.status == PlanningPeriod.Status.DRAFT


def test_the_download_of_an_adopted_period_is_the_stored_file_not_a_rebuild(
    builders, period, client
):
    periods.adopt(period, _decision(period))
    stored = DocumentVersion.objects.get(period=period, format="pdf").file.read()
    builders.edition = "Ändrad efteråt"
    built = builders.plans_built
    client.force_login(testing.make_reader())
    response = client.get(reverse("reports:plan_download", args=[2026, "pdf"]))
    assert response.content == stored
    assert builders.plans_built == built
    page = client.get(reverse("reports:plan", args=[2026])).content.decode()
    assert "Utgåva 1" in page and "Ändrad efteråt" not in page
    assert "Så som den antogs: Direktionen 2025-11-21 § 45" in page


def test_a_draft_is_built_fresh_each_time(builders, period, client):
    client.force_login(testing.make_reader())
    first = client.get(reverse("reports:plan_download", args=[2026, "html"])).content.decode()
    builders.edition = "Utgåva 2"
    second = client.get(reverse("reports:plan_download", args=[2026, "html"])).content.decode()
    assert "Utgåva 1" in first and "Utgåva 2" in second and "Utkast" in second
    assert not DocumentVersion.objects.exists()


def test_regenerating_an_adopted_version_gives_the_same_text_and_figures(builders, period):
    periods.adopt(period, _decision(period))
    stored = DocumentVersion.objects.get(period=period, format="pdf").file.read()
    period.refresh_from_db()
    document = versions.adopted(builders.plan(period), period)
    from samverka.reports import pdf

    again = pdf.render(document)
    assert pdf_pages(again) == pdf_pages(stored)
    figures = _figures("\n".join(pdf_pages(stored)))
    assert figures == _figures("\n".join(pdf_pages(again)))
    # …and they are the document's own figures.
    assert "\u22126\u00a0011\u00a0000" in figures or "\u22126 011 000" in figures
