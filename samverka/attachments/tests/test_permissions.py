"""Who may attach, download and remove: the rules for editing the object the file belongs to."""

import datetime

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.attachments import testing
from samverka.attachments.models import Attachment
from samverka.core import testing as core_testing
from samverka.decisions.models import Decision
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db


def post(client, url, kind="other"):
    return client.post(url, {"kind": kind, "seen_version": 0, "file": testing.upload("Bilaga.pdf")})


@pytest.fixture
def project():
    return make_project(name="Stärkt APL")


def test_a_reader_downloads_but_cannot_upload_or_remove(client, project, media):
    attachment = testing.make_attachment(project, "Ansökan.pdf", kind="application")
    client.force_login(core_testing.make_reader())

    assert (
        post(client, reverse("attachments:upload_project", args=[project.code])).status_code == 403
    )
    assert client.get(reverse("attachments:upload_project", args=[project.code])).status_code == 403
    delete = reverse("attachments:delete", args=[attachment.code])
    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403
    assert Attachment.objects.count() == 1
    assert testing.stored_names(media) == [attachment.file.name]

    response = client.get(reverse("attachments:download", args=[attachment.code]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == testing.PDF

    page = client.get(reverse("portfolio:project", args=[project.code])).content.decode()
    assert "Ansökan" in page
    assert "Ladda upp en handling" not in page
    assert "Ta bort" not in page


def test_someone_logged_out_is_sent_to_the_login_page(client, project):
    attachment = testing.make_attachment(project)
    for url in (
        reverse("attachments:download", args=[attachment.code]),
        reverse("attachments:upload_project", args=[project.code]),
        reverse("attachments:delete", args=[attachment.code]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    response = post(client, reverse("attachments:upload_project", args=[project.code]))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Attachment.objects.count() == 1


def test_an_account_without_a_role_cannot_download(client, project):
    attachment = testing.make_attachment(project)
    client.force_login(core_testing.make_user())
    assert client.get(reverse("attachments:download", args=[attachment.code])).status_code == 403


def test_a_unit_manager_cannot_attach_to_a_project_they_do_not_manage(client, project):
    other_unit = core_testing.make_unit(project.federation, code="kansli", name="Förbundskansli")
    client.force_login(core_testing.make_unit_manager(other_unit))
    response = post(client, reverse("attachments:upload_project", args=[project.code]))
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_a_project_manager_attaches_to_their_own_project_but_not_another(client, project, media):
    other = make_project(name="Val för livet")
    manager = core_testing.make_user(Role.PROJECT_MANAGER)
    project.managers.add(manager)
    client.force_login(manager)
    assert (
        post(
            client, reverse("attachments:upload_project", args=[project.code]), "application"
        ).status_code
        == 302
    )
    assert post(client, reverse("attachments:upload_project", args=[other.code])).status_code == 403
    assert [a.target for a in Attachment.objects.all()] == [project]


def test_only_controllers_attach_to_decisions_and_meetings(client, project):
    decision = Decision.objects.create(
        federation=project.federation, date=datetime.date(2025, 10, 10), title="Ansökan om medel"
    )
    url = reverse("attachments:upload_decision", args=[decision.ref])
    manager = core_testing.make_user(Role.PROJECT_MANAGER)
    project.managers.add(manager)
    client.force_login(manager)
    assert post(client, url).status_code == 403
    client.force_login(core_testing.make_controller())
    assert post(client, url).status_code == 302
    assert Attachment.objects.get().target == decision


def test_an_upload_without_the_csrf_token_is_refused(project):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(core_testing.make_controller())
    response = post(client, reverse("attachments:upload_project", args=[project.code]))
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_pages_link_to_the_checked_download_never_to_a_media_url(client, project, settings):
    attachment = testing.make_attachment(project, "Ansökan.pdf")
    client.force_login(core_testing.make_reader())
    page = client.get(reverse("portfolio:project", args=[project.code])).content.decode()
    assert reverse("attachments:download", args=[attachment.code]) in page
    assert settings.MEDIA_URL not in page
    assert attachment.file.name not in page
