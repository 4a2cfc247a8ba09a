"""Each user turns each kind of e-mail off on /konto/aviseringar/; the choice is logged."""

import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.notifications import events
from samverka.notifications.models import Kind, Notification, Preference
from samverka.notifications.tests._people import with_email

pytestmark = pytest.mark.django_db

URL = "/konto/aviseringar/"


def _all_on(**off):
    data = {k: "on" for k in ("round_opened", "round_closing", "obligation_due")}
    data |= {"obligation_missed": "on", "document_built": "on"}
    for name in off:
        data.pop(name)
    return data


def test_the_page_lists_every_kind_checked_and_the_address(client):
    testing.make_federation()
    user = with_email(testing.make_reader(), "lasare@example.se")
    client.force_login(user)
    assert reverse("notifications:preferences") == URL
    page = client.get(URL).content.decode()
    assert "lasare@example.se" in page
    for kind in Kind:
        assert str(kind.label) in page
    assert page.count('type="checkbox"') == 5 and page.count("checked") == 5
    assert f'href="{URL}"' in page  # linked from the header


def test_turning_one_off_is_saved_logged_and_respected(client):
    testing.make_federation()
    user = with_email(testing.make_reader(), "lasare@example.se")
    client.force_login(user)
    response = client.post(URL, _all_on(document_built=True) | {"seen_version": 0})
    assert response.status_code == 302
    preference = Preference.objects.get(user=user)
    assert not preference.document_built and preference.round_opened
    assert LogEntry.objects.filter(object_id=str(preference.pk)).exists()
    sent = events.notify(Kind.DOCUMENT_BUILT, user, key="job:x", subject="Klart", body="Text")
    assert sent is None and not Notification.objects.exists()


def test_a_stale_form_does_not_overwrite_a_newer_choice(client):
    testing.make_federation()
    user = testing.make_reader()
    client.force_login(user)
    client.post(URL, _all_on(round_opened=True) | {"seen_version": 0})
    response = client.post(URL, _all_on() | {"seen_version": 0})
    assert response.status_code == 200
    assert not Preference.objects.get(user=user).round_opened


def test_a_user_without_an_address_is_told_why_nothing_comes(client):
    testing.make_federation()
    client.force_login(testing.make_reader())
    assert "har ingen e-postadress" in client.get(URL).content.decode()
