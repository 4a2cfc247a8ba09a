"""API tokens: stored as a hash, shown once, carrying exactly their user's capabilities, dead
once revoked or once the user is deactivated, their use noted at most once a minute, and
their creation and revocation in the user's history."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from samverka.accounts.models import Role, RoleAssignment
from samverka.api import tokens
from samverka.api.models import ApiToken
from samverka.api.testing import build_world, client_for, token_for
from samverka.audit.actions import describe
from samverka.audit.models import LogEntry
from samverka.core import testing

pytestmark = pytest.mark.django_db
JSON = "application/json"
LINE = "/api/v1/periods/2026/units/enhet-a/budget-lines/personal"


def test_only_the_hash_of_the_secret_is_stored():
    user = testing.make_reader()

    token, secret = tokens.create(user, "Rapportskript")

    assert len(secret) >= 43  # 32 random bytes
    assert token.hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    stored = ApiToken.objects.filter(pk=token.pk).values()[0]
    assert secret not in [str(value) for value in stored.values()]


def test_a_token_does_what_its_user_may_do_now():
    world = build_world()
    client = world.client("reader")
    patch = {"amount": "-1", "version": 1}
    assert client.get(LINE).status_code == 200
    assert client.patch(LINE, patch, content_type=JSON).status_code == 403

    RoleAssignment.objects.create(
        user=world.users["reader"], role=Role.UNIT_MANAGER, unit=world.unit_a
    )

    assert client.patch(LINE, patch, content_type=JSON).status_code == 200


def test_a_revoked_token_is_refused():
    user = testing.make_reader()
    token, secret = tokens.create(user, "Skript")

    assert tokens.revoke(token) is True
    assert tokens.revoke(token) is False  # once is enough

    assert tokens.authenticate(secret) is None
    assert client_for(secret).get("/api/v1/me").status_code == 401


def test_a_deactivated_users_tokens_stop_working_and_work_again_when_reactivated():
    user = testing.make_reader()
    secret = token_for(user)
    testing.make_federation()
    user.is_active = False
    user.save()

    assert client_for(secret).get("/api/v1/federation").status_code == 401

    user.is_active = True
    user.save()
    assert client_for(secret).get("/api/v1/federation").status_code == 200


def test_a_wrong_token_is_refused_even_with_a_logged_in_browser():
    user = testing.make_controller()
    client = client_for("fel-nyckel")
    client.force_login(user)

    assert client.get("/api/v1/me").status_code == 401


def test_use_is_noted_at_most_once_a_minute():
    user = testing.make_reader()
    token, secret = tokens.create(user, "Skript")
    assert token.last_used is None

    tokens.authenticate(secret)
    first = ApiToken.objects.get(pk=token.pk).last_used
    assert first is not None
    tokens.authenticate(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used == first

    earlier = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used=earlier)
    tokens.authenticate(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used > earlier


def test_creating_and_revoking_are_sentences_in_the_users_history():
    user = testing.make_reader()
    token, _secret = tokens.create(user, "Rapportskript")
    tokens.revoke(token)

    entries = LogEntry.objects.filter(action__startswith="api.token.", object_id=str(user.pk))
    sentences = [describe(entry) for entry in entries.order_by("created", "id")]

    assert sentences == [
        f"skapade API-nyckeln ”Rapportskript” ({token.prefix}…)",
        f"återkallade API-nyckeln ”Rapportskript” ({token.prefix}…)",
    ]


def test_a_change_through_a_token_is_logged_as_its_user_naming_the_token():
    world = build_world()
    token = world.users["manager_a"].api_tokens.get()

    world.client("manager_a").patch(LINE, {"amount": "-1200", "version": 1}, content_type=JSON)

    entry = LogEntry.objects.filter(action="updated", object_id=str(world.line_a.pk)).get()
    assert entry.user == world.users["manager_a"]
    assert entry.actor_label == f"manager_a (API-nyckel {token.prefix}…)"
