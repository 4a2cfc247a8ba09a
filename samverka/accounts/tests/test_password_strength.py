"""A new password must be long (12 characters), unlike the user's own name, not a common
password and not only digits; every refusal says why in Swedish, on the own password change
and on the administrator's new-user page alike."""

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing

pytestmark = pytest.mark.django_db

REFUSALS = [
    ("Kort-lösen1", "Det här lösenordet är för kort. Det måste innehålla minst 12 tecken."),
    ("1qaz2wsx3edc", "Detta lösenord är alldeles för vanligt."),
    ("730412589163", "Detta lösenord är enbart numeriskt."),
    ("ekonomichefen", "Ditt lösenord är alltför likt användarnamn."),
]


@pytest.mark.parametrize(("password", "message"), REFUSALS)
def test_the_own_password_change_refuses_a_weak_password_with_a_swedish_reason(
    client, password, message
):
    user = testing.make_user(Role.READER, username="ekonomichef")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw", "new_password1": password, "new_password2": password},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'href="#id_new_password2"' in page
    user.refresh_from_db()
    assert user.check_password("pw")


def test_the_password_change_page_states_the_rules_before_anyone_types(client):
    client.force_login(testing.make_reader())
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "Ditt lösenord måste innehålla minst 12 tecken." in page
    assert "Ditt lösenord kan inte bara vara numeriskt." in page


def test_a_twelve_character_password_unlike_the_name_is_taken(client):
    user = testing.make_user(Role.READER, username="ekonomichef")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw", "new_password1": "Tolv-tecken!", "new_password2": "Tolv-tecken!"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tolv-tecken!")


def test_the_administrators_new_user_page_refuses_a_short_password_in_swedish(client):
    client.force_login(testing.make_user(Role.ADMIN, username="admin"))
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "anna", "password1": "Kort-lösen1", "password2": "Kort-lösen1"},
    )
    page = response.content.decode()
    assert "Det här lösenordet är för kort. Det måste innehålla minst 12 tecken." in page
    assert "Ditt lösenord måste innehålla minst 12 tecken." in page
