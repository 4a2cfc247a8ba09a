"""Passwords are stored as Argon2 hashes; a hash from before (PBKDF2) still lets its user in
and is replaced by an Argon2 hash at that login."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from samverka.core import testing
from samverka.core.tests._settings import settings_in

ARGON2_FIRST = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.mark.parametrize("environment", ["production", "development"])
def test_production_and_development_hash_new_passwords_with_argon2_and_still_read_pbkdf2(
    tmp_path, environment
):
    hashers = settings_in(tmp_path, ["PASSWORD_HASHERS"], SAMVERKA_ENV=environment)[
        "PASSWORD_HASHERS"
    ]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers[1:]
    assert not any("MD5" in hasher for hasher in hashers)


@pytest.mark.django_db
def test_a_user_with_an_old_pbkdf2_hash_logs_in_and_gets_an_argon2_hash(client, settings):
    settings.PASSWORD_HASHERS = ARGON2_FIRST
    testing.make_federation()
    user = testing.make_controller_named("ekonom")
    user.password = make_password("ett långt lösenord", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(
        reverse("accounts:login"), {"username": "ekonom", "password": "ett långt lösenord"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("ett långt lösenord")


@pytest.mark.django_db
def test_a_new_password_is_stored_as_argon2(settings):
    settings.PASSWORD_HASHERS = ARGON2_FIRST
    user = testing.make_user()
    user.set_password("ett annat långt lösenord")
    assert user.password.startswith("argon2$argon2id$")
