"""Guessing the first-run page's setup token: after a few wrong tokens from one address, that
address is refused (429, in Swedish) for a while; the right token works again afterwards, and
other addresses are not held up."""

import pytest
from django.urls import reverse

from samverka.orgs import first_run
from samverka.orgs.tests.test_first_run_page import answers, token  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

START = reverse("first_run:start")


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(first_run, "clock", clock)
    return clock


def guess_wrong(client, times: int, address: str = "127.0.0.1") -> list[int]:
    return [
        client.post(START, answers(token=f"gissning-{i}"), REMOTE_ADDR=address).status_code
        for i in range(times)
    ]


def test_each_wrong_token_is_refused_on_the_form_until_the_limit(client, token, clock):  # noqa: F811
    assert guess_wrong(client, first_run.TOKEN_GUESSES) == [200] * first_run.TOKEN_GUESSES


def test_after_the_limit_even_the_right_token_gets_a_swedish_429_page(client, token, clock):  # noqa: F811
    guess_wrong(client, first_run.TOKEN_GUESSES)
    page = client.post(START, answers())
    assert page.status_code == 429
    text = page.content.decode()
    assert "För många felaktiga nycklar" in text
    assert "angetts fel 5 gånger från din adress. Försök igen om 15 minuter." in text
    assert page["Retry-After"] == str(first_run.TOKEN_LOCK_SECONDS)
    assert first_run.SESSION_KEY not in client.session


def test_the_page_says_how_long_is_left_as_time_passes(client, token, clock):  # noqa: F811
    guess_wrong(client, first_run.TOKEN_GUESSES)
    clock.now += first_run.TOKEN_LOCK_SECONDS - 30
    page = client.post(START, answers())
    assert page.status_code == 429
    assert page["Retry-After"] == "30"
    assert "Försök igen om 1 minut." in page.content.decode()


def test_the_right_token_works_again_after_the_pause(client, token, clock):  # noqa: F811
    guess_wrong(client, first_run.TOKEN_GUESSES)
    clock.now += first_run.TOKEN_LOCK_SECONDS
    page = client.post(START, answers())
    assert page.status_code == 302
    assert page["Location"] == reverse("first_run:check")


def test_after_the_pause_the_wrong_tokens_are_counted_from_zero(client, token, clock):  # noqa: F811
    guess_wrong(client, first_run.TOKEN_GUESSES)
    clock.now += first_run.TOKEN_LOCK_SECONDS
    assert guess_wrong(client, first_run.TOKEN_GUESSES) == [200] * first_run.TOKEN_GUESSES
    assert client.post(START, answers()).status_code == 429


def test_another_address_is_not_held_up(client, token, clock):  # noqa: F811
    guess_wrong(client, first_run.TOKEN_GUESSES, address="192.0.2.10")
    assert client.post(START, answers(), REMOTE_ADDR="192.0.2.10").status_code == 429
    assert client.post(START, answers(), REMOTE_ADDR="192.0.2.20").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, token, clock, settings):  # noqa: F811
    settings.SAMVERKA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for i in range(first_run.TOKEN_GUESSES):
        client.post(
            START,
            answers(token=f"gissning-{i}"),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    refused = client.post(START, answers(), HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    other = client.post(START, answers(), HTTP_X_FORWARDED_FOR="198.51.100.8", **via_proxy)
    assert (refused.status_code, other.status_code) == (429, 302)


def test_mistakes_in_other_fields_do_not_count_as_guesses(client, token, clock):  # noqa: F811
    for _ in range(first_run.TOKEN_GUESSES + 1):
        page = client.post(START, answers(name=""))
        assert page.status_code == 200
    assert client.post(START, answers()).status_code == 302


def test_an_empty_token_is_refused_on_the_form_and_not_counted(client, token, clock):  # noqa: F811
    for _ in range(first_run.TOKEN_GUESSES + 1):
        assert client.post(START, answers(token="")).status_code == 200
    assert client.post(START, answers()).status_code == 302
