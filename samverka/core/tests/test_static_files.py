"""The layout's stylesheet and scripts are served: by WhiteNoise from the source folders in
development, and compressed with hashed names after collectstatic in production."""

import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

from samverka.core import testing

pytestmark = pytest.mark.django_db


def test_every_stylesheet_and_script_the_layout_links_is_served(client):
    client.force_login(testing.make_reader())
    page = client.get("/oversikt/").content.decode()
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert "/static/samverka/samverka.css" in linked
    assert "/static/samverka/htmx.min.js" in linked
    assert "/static/samverka/samverka.js" in linked
    for url in linked:
        response = client.get(url)
        assert response.status_code == 200, url
        b"".join(response.streaming_content)


def test_no_page_template_loads_a_stylesheet_of_its_own(client):
    # One design: the per-app sheets are folded into samverka.css.
    client.force_login(testing.make_reader())
    page = client.get("/oversikt/").content.decode()
    assert page.count('rel="stylesheet"') == 1


@pytest.fixture
def production_static(tmp_path):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


def test_production_serves_the_stylesheet_compressed_under_a_hashed_name(production_static):
    url = static("samverka/samverka.css")
    assert re.fullmatch(r"/static/samverka/samverka\.[0-9a-f]{12}\.css", url)
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    # A hashed name never changes content, so browsers may keep it for ever.
    assert "immutable" in response["Cache-Control"]
