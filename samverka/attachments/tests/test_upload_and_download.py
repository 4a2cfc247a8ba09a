"""A controller uploads the minutes of a meeting; everyone with a role downloads them."""

import pytest
from django.urls import reverse

from samverka.attachments import testing
from samverka.attachments.models import Attachment
from samverka.core import testing as core_testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision, Meeting
from samverka.portfolio.models import Project

pytestmark = pytest.mark.django_db

MEETING = ["direktion", "2025-10-10"]


@pytest.fixture
def controller(client):
    load_skaraborg()
    client.force_login(core_testing.make_controller())
    return client


def post(client, url, name, content, **fields):
    data = {"kind": "minutes", "title": "", "reference_number": "", "seen_version": 0} | fields
    return client.post(url, data | {"file": testing.upload(name, content)})


def test_minutes_go_up_and_come_back_byte_for_byte_with_their_swedish_name(controller, media):
    url = reverse("attachments:upload_meeting", args=MEETING)
    response = post(
        controller,
        url,
        "Protokoll direktionen å ä ö.pdf",
        testing.PDF,
        reference_number="SKF 2025/88",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:meeting", args=MEETING) + "#bilagor"

    attachment = Attachment.objects.get()
    assert attachment.target == Meeting.objects.get(body__code="direktion", date="2025-10-10")
    assert attachment.title == "Protokoll direktionen å ä ö"
    assert attachment.original_name == "Protokoll direktionen å ä ö.pdf"
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(testing.PDF))
    assert attachment.reference_number == "SKF 2025/88"
    # Stored under a name of its own: nothing of the user's file name reaches the storage.
    assert "Protokoll" not in attachment.file.name
    assert testing.stored_names(media) == [attachment.file.name]

    page = controller.get(reverse("decisions:meeting", args=MEETING)).content.decode()
    download = reverse("attachments:download", args=[attachment.code])
    assert f'<a href="{download}">Protokoll direktionen å ä ö</a>' in page
    assert "SKF 2025/88" in page

    response = controller.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == testing.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; ")
    assert "filename*=UTF-8''Protokoll%20direktionen%20%C3%A5%20%C3%A4%20%C3%B6.pdf" in disposition
    assert 'filename="Protokoll direktionen a a o.pdf"' in disposition


def test_the_decision_page_shows_its_meeting_s_minutes_and_its_own_attachments(controller):
    decision = Decision.objects.get(code="ansokan-kraftsamling-framtidsrusta")
    testing.make_attachment(decision.meeting, "Protokoll 2025-10-10.pdf", kind="minutes")
    testing.make_attachment(decision, "Tjänsteskrivelse.docx", testing.docx(), kind="other")
    page = controller.get(decision.get_absolute_url()).content.decode()
    minutes = page.split('id="protokoll"')[1].split("</section>")[0]
    assert "Protokoll 2025-10-10" in minutes
    own = page.split('id="bilagor"')[1].split("</section>")[0]
    assert "Tjänsteskrivelse" in own
    assert "Protokoll 2025-10-10" not in own


def test_a_project_lists_its_application_and_its_funder_s_decision_with_their_numbers(controller):
    project = Project.objects.get(code="kraftsamling-framtidsrusta")
    url = reverse("attachments:upload_project", args=[project.code])
    post(
        controller,
        url,
        "Ansökan VGR.docx",
        testing.docx(),
        kind="application",
        reference_number="SKF 2025/102",
    )
    post(
        controller,
        url,
        "Beslut VGR.pdf",
        testing.PDF,
        kind="funder_decision",
        title="Beslut om stöd",
        reference_number="RUN 2025-00417",
    )
    page = controller.get(reverse("portfolio:project", args=[project.code])).content.decode()
    section = page.split('id="bilagor"')[1].split("</section>")[0]
    assert "Ansökan VGR" in section and "SKF 2025/102" in section and "Ansökan" in section
    assert "Beslut om stöd" in section and "RUN 2025-00417" in section
    assert "Beslut från finansiär" in section


@pytest.mark.parametrize(
    ("name", "content", "content_type", "inline"),
    [
        (
            "Budget.xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            False,
        ),
        ("Ansökan.odt", "odt", "application/vnd.oasis.opendocument.text", False),
        ("Kalkyl.ods", "ods", "application/vnd.oasis.opendocument.spreadsheet", False),
        ("Karta.png", "png", "image/png", True),
        ("Foto.JPG", "jpeg", "image/jpeg", True),
        ("Anteckning.txt", "txt", "text/plain; charset=utf-8", True),
        ("Gammal.txt", "latin", "text/plain; charset=windows-1252", True),
    ],
)
def test_each_allowed_type_is_stored_with_its_own_content_type(
    controller, name, content, content_type, inline
):
    data = {
        "xlsx": testing.xlsx,
        "odt": lambda: testing.odf("text"),
        "ods": lambda: testing.odf("spreadsheet"),
        "png": lambda: testing.PNG,
        "jpeg": lambda: testing.JPEG,
        "txt": lambda: "Måndag: möte i Skövde\n".encode(),
        "latin": lambda: "Måndag: möte i Skövde\r\n".encode("cp1252"),
    }[content]()
    meeting = reverse("attachments:upload_meeting", args=MEETING)
    assert post(controller, meeting, name, data, kind="other").status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type
    response = controller.get(reverse("attachments:download", args=[attachment.code]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")
    assert b"".join(response.streaming_content) == data


def test_a_file_over_the_limit_is_refused_with_its_name_and_the_limit_and_nothing_is_stored(
    controller, media, settings
):
    settings.SAMVERKA_ATTACHMENT_MAX_BYTES = 1_000_000
    big = testing.PDF + b"0" * 1_200_000
    response = post(
        controller, reverse("attachments:upload_meeting", args=MEETING), "Stort protokoll.pdf", big
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filen laddades inte upp" in html
    assert "”Stort protokoll.pdf” är större än 1\u00a0MB; högst 1\u00a0MB tas emot." in html
    assert not Attachment.objects.exists()
    assert testing.stored_names(media) == []


def test_a_program_renamed_to_pdf_is_refused_for_its_content(controller, media):
    response = post(
        controller,
        reverse("attachments:upload_meeting", args=MEETING),
        "protokoll.pdf",
        testing.EXE,
    )
    html = response.content.decode()
    assert "”protokoll.pdf” är ingen PDF-fil: innehållet stämmer inte med filändelsen .pdf." in html
    assert not Attachment.objects.exists()
    assert testing.stored_names(media) == []


def test_a_type_not_allowed_is_refused_naming_the_allowed_ones(controller):
    response = post(
        controller, reverse("attachments:upload_meeting", args=MEETING), "setup.exe", testing.EXE
    )
    assert (
        "”setup.exe” tas inte emot: bara filer av typerna PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG "
        "och TXT kan laddas upp." in response.content.decode()
    )
    assert not Attachment.objects.exists()


def test_a_form_without_a_file_asks_for_one(controller):
    response = controller.post(
        reverse("attachments:upload_meeting", args=MEETING),
        {"kind": "minutes", "seen_version": 0},
    )
    assert "Välj en fil att ladda upp." in response.content.decode()


def test_a_kind_that_does_not_belong_to_the_object_is_refused(controller):
    response = post(
        controller,
        reverse("attachments:upload_meeting", args=MEETING),
        "Ansökan.pdf",
        testing.PDF,
        kind="application",
    )
    assert response.status_code == 200
    assert not Attachment.objects.exists()


def test_the_upload_form_works_without_javascript_as_a_multipart_post(controller):
    page = controller.get(reverse("decisions:meeting", args=MEETING)).content.decode()
    form = page.split('<details class="upload"')[1].split("</details>")[0]
    assert 'method="post"' in form
    assert 'enctype="multipart/form-data"' in form
    assert f'action="{reverse("attachments:upload_meeting", args=MEETING)}"' in form
    assert 'type="file" name="file"' in form
    assert "csrfmiddlewaretoken" in form


def test_the_form_preselects_minutes_on_a_meeting_and_an_application_on_a_project(controller):
    page = controller.get(reverse("decisions:meeting", args=MEETING)).content.decode()
    assert '<option value="minutes" selected>protokoll</option>' in page
    assert "ansökan" not in page.split('id="bilaga_kind"')[1].split("</select>")[0]
    project = Project.objects.get(code="kraftsamling-framtidsrusta")
    page = controller.get(reverse("portfolio:project", args=[project.code])).content.decode()
    assert '<option value="application" selected>ansökan</option>' in page


def test_the_header_search_finds_a_document_by_its_diarienummer(controller):
    project = Project.objects.get(code="kraftsamling-framtidsrusta")
    testing.make_attachment(
        project, "Beslut VGR.pdf", kind="funder_decision", reference_number="RUN 2025-00417"
    )
    html = controller.get(reverse("core:search"), {"q": "run 2025-00417"}).content.decode()
    group = html.split('aria-labelledby="sok-attachments"')[1].split("</section>")[0]
    assert f'<a href="/projekt/{project.code}/#bilagor">Beslut VGR</a>' in group
    assert "RUN 2025-00417" in group
