"""Removing an attachment: confirmed, logged on its object, its file gone once committed."""

import datetime

import pytest
from django.urls import reverse

from samverka.attachments import testing
from samverka.attachments.models import Attachment
from samverka.audit.history import entries_for_object
from samverka.core import testing as core_testing
from samverka.decisions.models import Decision
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return make_project(name="Kompetensnavet")


def test_a_controller_confirms_and_the_file_leaves_the_storage(
    client, project, media, django_capture_on_commit_callbacks
):
    attachment = testing.make_attachment(project, "Beslut VGR.pdf", kind="funder_decision")
    client.force_login(core_testing.make_controller())
    url = reverse("attachments:delete", args=[attachment.code])
    page = client.get(url, {"next": reverse("portfolio:project", args=[project.code])})
    html = page.content.decode()
    assert "Ta bort Beslut VGR?" in html
    assert 'method="post"' in html
    assert testing.stored_names(media) == [attachment.file.name], "a GET removes nothing"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("portfolio:project", args=[project.code]) + "#bilagor"
    assert not Attachment.objects.exists()
    assert testing.stored_names(media) == []
    follow = client.get(response["Location"]).content.decode()
    assert "”Beslut VGR.pdf” är borttagen." in follow


def test_the_object_s_history_says_who_added_and_removed_which_file(
    client, project, django_capture_on_commit_callbacks
):
    controller = core_testing.make_controller_named("ekonom")
    client.force_login(controller)
    client.post(
        reverse("attachments:upload_project", args=[project.code]),
        {
            "kind": "application",
            "reference_number": "SKF 2025/102",
            "seen_version": 0,
            "file": testing.upload("Ansökan ESF.pdf"),
        },
    )
    attachment = Attachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("attachments:delete", args=[attachment.code]))
    sentences = [line.sentence for line in entries_for_object(project)]
    size = f"{len(testing.PDF)}\u00a0byte"
    assert f"lade till ansökan ”Ansökan ESF” (Ansökan ESF.pdf, {size})" in sentences
    assert f"tog bort ansökan ”Ansökan ESF” (Ansökan ESF.pdf, {size})" in sentences
    entries = [line.entry for line in entries_for_object(project)]
    assert {e.actor_label for e in entries if e.action.startswith("attachments.")} == {"ekonom"}


def test_removing_an_attachment_someone_else_just_removed_says_so(client, project):
    attachment = testing.make_attachment(project)
    client.force_login(core_testing.make_controller())
    url = reverse("attachments:delete", args=[attachment.code])
    back = reverse("portfolio:project", args=[project.code])
    Attachment.objects.filter(pk=attachment.pk).delete()  # the other person's removal

    response = client.post(url, {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    page = client.get(back).content.decode()
    assert "Bilagan finns inte längre. Någon annan kan ha tagit bort den nyss." in page
    assert client.get(url).status_code == 302


def test_a_next_address_elsewhere_is_not_followed(client, project):
    attachment = testing.make_attachment(project)
    client.force_login(core_testing.make_controller())
    attachment.delete()
    response = client.post(
        reverse("attachments:delete", args=[attachment.code]), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("core:overview")


def test_a_missing_file_is_explained_rather_than_a_server_error(client, project, media):
    attachment = testing.make_attachment(project, "Ansökan.pdf")
    media.delete(attachment.file.name)  # e.g. restored database, media folder not restored
    client.force_login(core_testing.make_reader())
    response = client.get(reverse("attachments:download", args=[attachment.code]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Filen ”Ansökan.pdf” saknas i lagringen." in page


def test_deleting_a_decision_takes_its_attachments_and_their_files(
    project, media, django_capture_on_commit_callbacks
):
    decision = Decision.objects.create(
        federation=project.federation, date=datetime.date(2025, 10, 10), title="Ansökan om medel"
    )
    testing.make_attachment(decision, "Tjänsteskrivelse.pdf")
    kept = testing.make_attachment(project, "Ansökan.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        decision.delete()
    assert list(Attachment.objects.all()) == [kept]
    assert testing.stored_names(media) == [kept.file.name]
