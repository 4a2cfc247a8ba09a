"""A user changes their own password."""

import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing

pytestmark = pytest.mark.django_db

NEW = "Nytt-lösenord-för-2027"  # noqa: S105


def _change(client, old="pw", new=NEW, again=None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_the_header_links_to_the_password_change(client):
    client.force_login(testing.make_reader())
    page = client.get(reverse("core:overview")).content.decode()
    assert f'href="{reverse("accounts:password_change")}"' in page


def test_a_user_changes_their_password_and_logs_in_with_the_new_one(client):
    user = testing.make_reader()
    client.force_login(user)
    assert client.get(reverse("accounts:password_change")).status_code == 200
    response = _change(client)
    assert response["Location"] == reverse("accounts:password_change_done")
    assert "Lösenordet är bytt" in client.get(response["Location"]).content.decode()
    assert LogEntry.objects.filter(
        action="accounts.password.changed", object_id=str(user.pk), user=user
    ).exists()
    client.logout()
    assert not client.login(username=user.username, password="pw")
    assert client.login(username=user.username, password=NEW)


def test_a_wrong_old_password_is_refused(client):
    user = testing.make_reader()
    client.force_login(user)
    response = _change(client, old="fel")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and 'href="#id_old_password"' in page
    assert "Ditt gamla lösenord var felaktigt ifyllt." in page
    user.refresh_from_db()
    assert user.check_password("pw")


def test_a_new_password_the_validators_refuse_is_not_saved(client):
    user = testing.make_reader()
    client.force_login(user)
    page = _change(client, new="kort").content.decode()
    assert "Det här lösenordet är för kort." in page
    user.refresh_from_db()
    assert user.check_password("pw")


def test_someone_not_logged_in_is_sent_to_the_login_page(client):
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(reverse("accounts:login"))
