"""A login ends after an hour without activity, and after a working day at most; the user lands
on the login page told why. An active user's session is written at most once a minute."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.middleware import LAST_ACTIVITY, LOGGED_IN_AT
from samverka.core import testing
from samverka.core.tests._settings import settings_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, settings):
    settings.SAMVERKA_IDLE_MINUTES = 60
    settings.SESSION_COOKIE_AGE = 8 * 3600
    testing.make_federation()
    client.force_login(testing.make_controller_named("ekonom"))
    assert client.get(reverse("core:overview")).status_code == 200
    return client


def _now() -> int:
    return int(timezone.now().timestamp())


def _move_back(client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_after_an_hour_without_activity_the_next_page_asks_for_a_new_login_and_says_why(
    logged_in,
):
    _move_back(logged_in, LAST_ACTIVITY, 61 * 60)
    response = logged_in.get(reverse("budget:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page = logged_in.get(response["Location"]).content.decode()
    assert "Du har loggats ut efter 60 minuter utan aktivitet." in page
    assert "_auth_user_id" not in logged_in.session


def test_fifty_nine_idle_minutes_keep_the_login(logged_in):
    _move_back(logged_in, LAST_ACTIVITY, 59 * 60)
    assert logged_in.get(reverse("budget:index")).status_code == 200
    assert abs(logged_in.session[LAST_ACTIVITY] - _now()) <= 2


def test_requests_within_a_minute_do_not_write_the_session_again(logged_in):
    _move_back(logged_in, LAST_ACTIVITY, 30)
    stored = logged_in.session[LAST_ACTIVITY]
    logged_in.get(reverse("budget:index"))
    assert logged_in.session[LAST_ACTIVITY] == stored


def test_an_active_login_still_ends_after_the_session_age(logged_in):
    _move_back(logged_in, LOGGED_IN_AT, 8 * 3600 + 60)
    response = logged_in.get(reverse("budget:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "Du har loggats ut: en inloggning gäller i 8 timmar." in response.content.decode()


def test_without_an_idle_limit_only_the_session_age_counts(logged_in, settings):
    settings.SAMVERKA_IDLE_MINUTES = 0
    _move_back(logged_in, LAST_ACTIVITY, 5 * 3600)
    assert logged_in.get(reverse("budget:index")).status_code == 200


def test_a_public_page_opened_after_the_idle_time_is_shown_logged_out(logged_in):
    _move_back(logged_in, LAST_ACTIVITY, 2 * 3600)
    page = logged_in.get(reverse("core:accessibility")).content.decode()
    assert "Inloggad som" not in page
    assert "Du har loggats ut efter 60 minuter utan aktivitet." in page


def test_the_limits_come_from_the_environment(tmp_path):
    names = ["SESSION_COOKIE_AGE", "SAMVERKA_IDLE_MINUTES", "SESSION_EXPIRE_AT_BROWSER_CLOSE"]
    assert settings_in(tmp_path, names) == {
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SAMVERKA_IDLE_MINUTES": 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
    }
    assert settings_in(
        tmp_path,
        names,
        SAMVERKA_SESSION_HOURS="4",
        SAMVERKA_IDLE_MINUTES="20",
        SAMVERKA_SESSION_EXPIRE_AT_BROWSER_CLOSE="True",
    ) == {
        "SESSION_COOKIE_AGE": 4 * 3600,
        "SAMVERKA_IDLE_MINUTES": 20,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    }
