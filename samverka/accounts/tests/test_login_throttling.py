"""Login throttling: after five failed logins for one user name from one address, that pair is
refused for fifteen minutes with a Swedish page, even with the right password; other users and
other addresses are not affected; an administrator can lift the lock."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.models import Role
from samverka.audit.models import LogEntry
from samverka.core import testing

pytestmark = pytest.mark.django_db

OFFICE = "192.0.2.10"
ELSEWHERE = "198.51.100.7"


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    testing.make_federation()
    testing.make_controller_named("ekonom")
    testing.make_controller_named("controller")


def _login(client, username="ekonom", password="pw", address=OFFICE, **headers):  # noqa: S107
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def _fail(client, times=5, **kwargs):
    for _attempt in range(times):
        _login(client, password="fel lösenord", **kwargs)


def test_four_failures_still_let_the_right_password_in(client):
    _fail(client, times=4)
    response = _login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:overview")


def test_after_five_failures_even_the_right_password_gets_the_swedish_lockout_page(client):
    _fail(client)
    response = _login(client)
    page = response.content.decode()
    assert response.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in page
    assert "Inloggningen misslyckades 5 gånger i rad för användarnamnet ekonom" in page
    assert "Försök igen om 15 minuter." in page
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_neither_another_user_nor_the_same_user_elsewhere(client):
    _fail(client)
    assert _login(client, username="controller").status_code == 302
    client.logout()
    assert _login(client, address=ELSEWHERE).status_code == 302


def test_the_lock_ends_after_the_cool_off(client):
    _fail(client)
    assert _login(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_locked(client, settings):
    settings.SAMVERKA_TRUSTED_PROXIES = ["10.0.0.1"]
    _fail(client, address="10.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    assert AccessAttempt.objects.get().ip_address == OFFICE
    assert _login(client, address="10.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE).status_code == 429
    # Another client behind the same proxy is not locked out.
    assert _login(client, address="10.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 302


def test_an_untrusted_client_cannot_dodge_the_lock_with_x_forwarded_for(client):
    _fail(client)
    assert _login(client, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 429


def test_an_administrator_sees_the_lock_and_lifts_it_with_an_entry_in_the_log(client):
    _fail(client)
    admin = testing.make_user(Role.ADMIN, username="admin")
    client.force_login(admin)
    page = client.get(reverse("accounts:user", args=["ekonom"])).content.decode()
    assert "Inloggningen med det här användarnamnet är spärrad" in page
    assert f"från {OFFICE} till klockan" in page

    response = client.post(reverse("accounts:user_unlock", args=["ekonom"]))

    assert response["Location"] == reverse("accounts:user", args=["ekonom"])
    page = client.get(response["Location"]).content.decode()
    assert "ekonom kan logga in igen från alla adresser." in page
    assert "Lås upp" not in page
    entry = LogEntry.objects.get(action="accounts.user.unlocked")
    assert entry.user == admin and entry.data["ip_addresses"] == [OFFICE]
    client.logout()
    assert _login(client).status_code == 302


def test_only_an_administrator_may_lift_a_lock(client):
    _fail(client)
    client.force_login(testing.make_controller_named("granskare"))
    response = client.post(reverse("accounts:user_unlock", args=["ekonom"]))
    assert response.status_code == 403
    assert AccessAttempt.objects.exists()


def test_a_successful_login_forgets_the_earlier_failures(client):
    _fail(client, times=4)
    assert _login(client).status_code == 302
    client.logout()
    _fail(client, times=4)
    assert _login(client).status_code == 302
