"""Single sign-on through OpenID Connect, against a real provider on loopback (oidc_provider)."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.test import Client

from samverka.accounts.models import Role, RoleAssignment, SsoIdentity
from samverka.accounts.tests.oidc_provider import Provider
from samverka.audit.models import LogEntry
from samverka.core import testing

ROLE_MAP = "samverka-admin=admin,samverka-ekonom=controller,samverka-las=reader"


@pytest.fixture(scope="module")
def provider():
    with Provider() as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.SAMVERKA_OIDC_PROVIDER_NAME = "Skaraborgs konto"
    settings.SAMVERKA_OIDC_ROLE_MAP = ROLE_MAP
    settings.OIDC_OP_LOGOUT_ENDPOINT = ""
    provider.tamper = None
    provider.login = {
        "sub": "a1b2c3",
        "preferred_username": "anna.andersson",
        "given_name": "Anna",
        "family_name": "Andersson",
        "email": "anna.andersson@skaraborg.se",
        "groups": ["samverka-las"],
    }
    return provider


@pytest.fixture
def units():
    federation = testing.make_federation(code="skaraborg", name="Skaraborgs Kommunalförbund")
    return {
        code: testing.make_unit(federation, code=code, name=code.title())
        for code in ("kunskapsutveckling", "regional-utveckling")
    }


def log_in(client: Client, provider: Provider, next_url: str = "/oversikt/"):
    """The browser's round trip: Samverka → the provider → Samverka's callback."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.url}/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    callback = urlparse(at_provider.headers["Location"])
    assert callback.path == "/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def roles_of(user) -> set[tuple[str, str | None, bool]]:
    return {
        (a.role, a.unit.code if a.unit else None, a.granted_by_sso)
        for a in user.role_assignments.select_related("unit")
    }


@pytest.mark.django_db
def test_without_configuration_nothing_of_the_single_sign_on_is_visible(settings):
    settings.OIDC_RP_CLIENT_ID = ""
    client = Client()
    page = client.get("/konto/logga-in/")
    assert page.status_code == 200
    assert "Logga in med" not in page.text
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert client.get("/konto/inloggning-nekad/").status_code == 404


@pytest.mark.django_db
def test_the_login_page_offers_the_provider_by_its_name(sso):
    page = Client().get("/konto/logga-in/?next=/budget/")
    assert "Logga in med Skaraborgs konto" in page.text
    assert 'href="/oidc/authenticate/?next=/budget/"' in page.text
    assert "Lösenord" in page.text  # the password form stays for local accounts


@pytest.mark.django_db
def test_first_login_creates_the_user_with_the_roles_its_groups_give(sso, units):
    sso.login["groups"] = ["samverka-las", "samverka-enhetschef-kunskapsutveckling", "okand"]
    client = Client()
    response = log_in(client, sso, next_url="/budget/")
    assert response.status_code == 302
    assert response["Location"] == "/budget/"
    identity = SsoIdentity.objects.select_related("user").get(subject="a1b2c3")
    user = identity.user
    assert identity.issuer == sso.issuer
    assert (user.username, user.first_name, user.email) == (
        "anna.andersson",
        "Anna",
        "anna.andersson@skaraborg.se",
    )
    assert not user.has_usable_password()
    assert roles_of(user) == {
        (Role.READER, None, True),
        (Role.UNIT_MANAGER, "kunskapsutveckling", True),
    }
    assert client.get("/oversikt/").status_code == 200  # logged in, with a role
    actions = set(LogEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert {"accounts.sso.user_created", "accounts.sso.role_added"} <= actions


@pytest.mark.django_db
def test_each_login_resyncs_the_sso_roles_and_keeps_those_given_by_hand(sso, units):
    sso.login["groups"] = ["samverka-las", "samverka-enhetschef-kunskapsutveckling"]
    log_in(Client(), sso)
    user = SsoIdentity.objects.get(subject="a1b2c3").user
    # An administrator gives a role by hand in Samverka.
    RoleAssignment.objects.create(user=user, role=Role.PROJECT_MANAGER)

    sso.login["groups"] = ["samverka-ekonom"]
    response = log_in(Client(), sso)
    assert response.status_code == 302
    assert roles_of(user) == {(Role.CONTROLLER, None, True), (Role.PROJECT_MANAGER, None, False)}
    removed = LogEntry.objects.filter(action="accounts.sso.role_removed", object_id=str(user.pk))
    assert removed.count() == 2


@pytest.mark.django_db
def test_users_are_matched_by_subject_not_by_email(sso, units):
    existing = testing.make_user(Role.ADMIN, username="anna")
    existing.email = "anna.andersson@skaraborg.se"
    existing.save()
    log_in(Client(), sso)
    user = SsoIdentity.objects.get(subject="a1b2c3").user
    assert user != existing
    assert roles_of(existing) == {(Role.ADMIN, None, False)}  # not taken over by the e-mail

    sso.login["sub"] = "z9y8x7"  # another person who got the same address
    log_in(Client(), sso)
    assert SsoIdentity.objects.get(subject="z9y8x7").user not in (user, existing)


@pytest.mark.django_db
def test_a_login_without_a_mapped_role_gets_a_swedish_page_and_no_access(sso, units):
    sso.login["groups"] = ["alla-anstallda"]
    client = Client()
    response = log_in(client, sso)
    assert response["Location"] == "/konto/inloggning-nekad/"
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "Ditt konto har ingen roll i Samverka" in page.text
    assert client.get("/oversikt/")["Location"].startswith("/konto/logga-in/")
    # The account exists, so that an administrator can give it a role by hand.
    user = SsoIdentity.objects.get(subject="a1b2c3").user
    assert not user.role_assignments.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["signature", "nonce", "audience", "expired"])
def test_a_bad_id_token_is_refused(sso, units, tamper):
    sso.tamper = tamper
    client = Client()
    response = log_in(client, sso)
    assert response["Location"] == "/konto/inloggning-nekad/"
    page = client.get(response["Location"])
    assert "Inloggningen misslyckades" in page.text
    assert "_auth_user_id" not in client.session
    assert not SsoIdentity.objects.exists()


@pytest.mark.django_db
def test_a_callback_with_a_state_the_session_did_not_start_is_refused(sso, units):
    client = Client()
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/?code=abc&state=fel")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_ends_the_session_at_the_provider_too(sso, units):
    sso.login["groups"] = ["samverka-las"]
    client = Client()
    log_in(client, sso)
    from django.conf import settings

    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{sso.url}/logout"
    response = client.post("/konto/logga-ut/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{sso.url}/logout"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/konto/logga-in/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert "_auth_user_id" not in client.session
