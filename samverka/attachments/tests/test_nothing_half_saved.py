"""A failed save leaves no file in storage, and a rolled-back removal keeps its file."""

import pytest
from django.db import transaction
from django.urls import reverse

from samverka.attachments import attaching, testing
from samverka.attachments.models import Attachment
from samverka.core import testing as core_testing
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def test_a_row_that_fails_to_save_leaves_no_file_behind(monkeypatch, media):
    project = make_project()

    def fail(*args, **kwargs):
        raise Boom

    monkeypatch.setattr(attaching, "log", fail)  # the last step inside the transaction
    with pytest.raises(Boom):
        testing.make_attachment(project, "Ansökan.pdf")
    assert not Attachment.objects.exists()
    assert testing.stored_names(media) == []


def test_a_failed_upload_through_the_page_leaves_no_file_and_no_row(client, monkeypatch, media):
    project = make_project()
    client.force_login(core_testing.make_controller())
    client.raise_request_exception = False

    def fail(self, *args, **kwargs):
        raise Boom

    monkeypatch.setattr(Attachment, "save", fail)
    response = client.post(
        reverse("attachments:upload_project", args=[project.code]),
        {"kind": "application", "seen_version": 0, "file": testing.upload("Ansökan.pdf")},
    )
    assert response.status_code == 500
    assert not Attachment.objects.exists()
    assert testing.stored_names(media) == []


def test_a_removal_that_is_rolled_back_keeps_the_file(media, django_capture_on_commit_callbacks):
    attachment = testing.make_attachment(make_project())
    code = attachment.code
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        attaching.remove(attachment)
        raise Boom
    assert Attachment.objects.filter(code=code).exists()
    assert testing.stored_names(media) == [attachment.file.name]
