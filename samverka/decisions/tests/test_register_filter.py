"""The decision register filters as you type (htmx) and still works as a plain GET form."""

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    return client


def test_with_htmx_the_register_answers_only_the_filtered_list(reader):
    response = reader.get(reverse("decisions:index"), {"q": "rörlighet"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="register-results">')
    assert "<form" not in body and "<html" not in body
    assert "Ansökan Förstudie ökad rörlighet" in body
    assert "Ansökan Stärkt APL" not in body


def test_without_javascript_the_same_address_gives_the_whole_page_with_the_form(reader):
    page = reader.get(reverse("decisions:index"), {"q": "rörlighet"}).content.decode()
    assert "<html" in page
    assert 'hx-get="/beslut/"' in page and 'method="get" action="/beslut/"' in page
    assert 'value="rörlighet"' in page
    assert "Ansökan Förstudie ökad rörlighet" in page
    assert "Ansökan Stärkt APL" not in page
