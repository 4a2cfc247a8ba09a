"""samverka report plan YEAR / follow-up DATE writes the document to a file."""

import pytest
from django.core.management import CommandError, call_command

from samverka.core import testing
from samverka.reports.tests._pdf import pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    return testing.make_period(testing.make_federation(name="Förbundet"), 2026)


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF-"), ("docx", b"PK"), ("html", b"<!")])
def test_it_writes_the_plan_in_the_format_asked_for(builders, period, tmp_path, fmt, magic):
    out = tmp_path / f"plan.{fmt}"
    call_command("report", "plan", "2026", "--format", fmt, "-o", str(out))
    assert out.read_bytes().startswith(magic)


def test_it_writes_the_follow_up_report_of_a_date(builders, period, tmp_path):
    out = tmp_path / "rapport.pdf"
    call_command("report", "follow-up", "2026-03-31", "--format", "pdf", "-o", str(out))
    assert "Uppföljning 2026 per 2026-03-31" in " ".join(pdf_pages(out.read_bytes())[0].split())


def test_without_an_output_it_names_the_file_after_the_document(
    builders, period, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    call_command("report", "follow-up", "2026-03-31", "--format", "docx")
    assert (tmp_path / "uppfoljning-2026-03-31.docx").is_file()


def test_an_unknown_year_is_refused_in_swedish(builders, period, tmp_path):
    with pytest.raises(CommandError, match="Det finns ingen planeringsperiod för 2031"):
        call_command("report", "plan", "2031", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Det finns ingen planeringsperiod för 2031"):
        call_command("report", "follow-up", "2031-01-31", "-o", str(tmp_path / "x.pdf"))


def test_a_bad_date_is_refused_with_the_format_to_use(builders, period, tmp_path):
    with pytest.raises(CommandError, match="”2026-13-01” är inget datum.*ÅÅÅÅ-MM-DD"):
        call_command("report", "follow-up", "2026-13-01", "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
