"""Nothing a user needs stays on one app server: logins and pending uploads are rows in the
database, the rate limit's counts are in the shared cache table when one is configured, so any
server behind the proxy can answer any request, and a restarted one loses nothing."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from samverka.core import deployment, testing
from samverka.imports.models import PendingUpload

pytestmark = pytest.mark.django_db


def test_a_login_is_a_database_row_that_another_server_reads():
    reader = testing.make_reader()
    first_server = Client()
    first_server.force_login(reader)
    session_key = first_server.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=session_key).exists()

    other_server = Client()  # shares nothing with the first but the database
    other_server.cookies[settings.SESSION_COOKIE_NAME] = session_key
    assert other_server.get("/oversikt/").status_code == 200


def test_a_pending_upload_keeps_its_bytes_in_the_database_not_on_a_servers_disk():
    content = PendingUpload._meta.get_field("content")
    assert content.get_internal_type() == "BinaryField"


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samverka_cache",
        }
    }
)
def test_setup_creates_the_configured_cache_table(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"  # the setup lock file goes beside it
    assert deployment.cache_table() == "samverka_cache"
    assert any("samverka_cache" in problem for problem in deployment.problems())
    deployment.prepare(say=lambda _text: None)
    assert not any("samverka_cache" in problem for problem in deployment.problems())
