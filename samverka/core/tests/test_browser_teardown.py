"""A request the browser leaves in flight is finished before the database is emptied for the
next test (the root conftest.py waits for the live server, _browser.InFlight counts).

The first two tests belong together and run in this order: the first leaves a slow request
behind, the second would see what that request wrote after the flush if nobody waited."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from samverka.core.tests._browser import InFlight
from samverka.core.tests.test_browser import browser  # noqa: F401 - fixture

LEFT_BEHIND = "kvar-efter-testet"


@login_not_required
@require_GET
def slow(request):
    # Inside the request's transaction (ATOMIC_REQUESTS), as any page's queries are.
    time.sleep(1.5)
    get_user_model().objects.create_user(LEFT_BEHIND)
    return HttpResponse("klar")


urlpatterns = [path("langsam/", slow)]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_can_leave_a_slow_request_in_flight_when_the_test_ends(
    browser,  # noqa: F811
    live_server,
    settings,
):
    settings.ROOT_URLCONF = __name__
    page = browser.new_context(base_url=live_server.url).new_page()
    page.goto("/")  # any page of the server's, for the fetch's origin
    page.evaluate("() => { fetch('/langsam/'); }")
    deadline = time.monotonic() + 5
    while "GET /langsam/" not in live_server.in_flight.paths:
        assert time.monotonic() < deadline, live_server.in_flight.paths
        time.sleep(0.05)
    # The test ends here; the page stays open with its fetch in flight.


@pytest.mark.django_db(transaction=True)
def test_the_next_test_starts_on_an_empty_database_after_that_request_finished():
    time.sleep(2)
    assert not get_user_model().objects.filter(username=LEFT_BEHIND).exists()


def test_a_request_still_in_flight_after_the_wait_fails_the_test_naming_its_path():
    def an_app(environ, start_response):
        return [b"svar"]

    in_flight = InFlight(an_app)
    response = in_flight({"REQUEST_METHOD": "GET", "PATH_INFO": "/rapporter/2026/"}, None)
    with pytest.raises(AssertionError, match="still handling GET /rapporter/2026/ 0.1 s after"):
        in_flight.wait_until_idle(0.1)
    response.close()  # what the server does once it has sent the response
    in_flight.wait_until_idle(0.1)
    assert in_flight.paths == []
