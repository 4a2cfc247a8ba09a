"""The main pages are kept per user until any data changes, and never shown stale.

Transactional tests: the data version changes when a write is committed, which a test in one
rolled-back transaction never does.
"""

import os
import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.accounts.models import Role, RoleAssignment
from samverka.core import dataversion, testing
from samverka.core.pagecache import CSRF_PLACEHOLDER, PAGES
from samverka.core.seeding import load_skaraborg
from samverka.portfolio.models import Project
from samverka.portfolio.testing import make_project
from samverka.portfolio.tests.test_project_edit import form_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.SAMVERKA_PAGE_CACHE = True


def page(client, project):
    return client.get(reverse("portfolio:project", args=[project.code]))


def queries_of(client, project) -> tuple[int, str]:
    """The statements a view of the page makes, apart from the session's own (the session
    notes its first and last activity) and the transaction around that."""
    with CaptureQueriesContext(connection) as queries:
        html = page(client, project).content.decode()
    own = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" not in q["sql"]
        and q["sql"] not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")
    ]
    return len(own), html


def assert_kept(client, project) -> None:
    """The page is answered from memory: only the session, the user, the roles and the data
    version are read, not the page's own data."""
    count, _html = queries_of(client, project)
    assert count <= 4, f"rendered again ({count} queries)"


def test_a_page_seen_again_is_answered_without_rendering_it_again():
    project = make_project(name="Batterier i Skaraborg")
    client = Client()
    client.force_login(testing.make_controller())
    rendered, first = queries_of(client, project)
    kept, second = queries_of(client, project)
    assert "Batterier i Skaraborg" in second
    # The session, the user, the roles and the data version: not the page's own queries.
    assert kept <= 4 < rendered


def test_an_edit_through_the_form_shows_on_the_next_view():
    project = make_project(name="Gammalt namn")
    client = Client()
    client.force_login(testing.make_controller())
    assert "Gammalt namn" in page(client, project).content.decode()
    assert_kept(client, project)
    response = client.post(
        reverse("portfolio:project_edit", args=[project.code]),
        form_data(project, name="Nytt namn"),
    )
    assert response.status_code == 302
    after_save = page(client, project).content.decode()
    assert "Nytt namn" in after_save
    assert "sparades" in after_save  # the message is shown once
    again = page(client, project).content.decode()
    assert "Nytt namn" in again
    assert "sparades" not in again


def test_a_write_that_sends_no_signals_still_shows():
    project = make_project(name="Före")
    client = Client()
    client.force_login(testing.make_controller())
    page(client, project)
    assert_kept(client, project)
    Project.objects.filter(pk=project.pk).update(name="Efter uppdatering")
    assert "Efter uppdatering" in page(client, project).content.decode()
    assert_kept(client, project)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Project._meta.db_table} SET name = %s WHERE id = %s",  # noqa: S608
            ["Efter SQL", project.pk],
        )
    assert "Efter SQL" in page(client, project).content.decode()


def test_a_rolled_back_write_leaves_the_version_and_a_committed_one_changes_it():
    project = make_project()
    before = dataversion.token()
    with pytest.raises(RuntimeError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(name="Aldrig sparat")
        raise RuntimeError
    assert dataversion.token() == before
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(name="Sparat")
        assert dataversion.token() == before  # not before the commit
    assert dataversion.token() != before


def test_each_user_gets_the_page_rendered_for_them():
    project = make_project()
    controller, reader = Client(), Client()
    controller.force_login(testing.make_controller())
    reader.force_login(testing.make_reader())
    edit = reverse("portfolio:project_edit", args=[project.code])
    assert edit in page(controller, project).content.decode()
    assert_kept(controller, project)
    assert edit not in page(reader, project).content.decode()


def test_a_withdrawn_role_ends_the_kept_page():
    project = make_project()
    user = testing.make_reader()
    client = Client()
    client.force_login(user)
    assert page(client, project).status_code == 200
    assert_kept(client, project)
    RoleAssignment.objects.filter(user=user).delete()
    assert page(client, project).status_code == 403


def test_a_kept_page_carries_a_valid_token_for_each_browser_of_the_user():
    project = make_project(name="Före")
    user = testing.make_controller()
    office, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    office.force_login(user)
    phone.force_login(user)
    page(office, project)
    assert_kept(phone, project)  # the office's page
    html = page(phone, project).content.decode()
    assert CSRF_PLACEHOLDER not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = form_data(project, name="Från telefonen") | {"csrfmiddlewaretoken": token}
    response = phone.post(reverse("portfolio:project_edit", args=[project.code]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.name == "Från telefonen"


def test_reading_the_main_pages_writes_nothing_so_they_stay_kept():
    load_skaraborg()
    client = Client()
    client.force_login(testing.make_user(Role.CONTROLLER))
    client.get("/oversikt/")
    before = dataversion.token()
    for path in (
        "/oversikt/",
        "/budget/2026/",
        "/budget/2026/enhet/kunskapsutveckling/",
        "/mal/",
        "/plan/",
        "/projekt/",
        "/beslut/",
        "/utfall/",
        "/organisation/",
        "/organisation/kommuner/",
        "/rapporter/",
    ):
        assert client.get(path).status_code == 200, path
    assert dataversion.token() == before


def test_every_kept_page_is_a_named_page():
    from django.urls import get_resolver

    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif p.name:
                names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns)
    assert names >= PAGES, PAGES - names


def test_a_write_by_another_server_ends_the_kept_page():
    """Another app server has its own connection to the same database."""
    from django.db import connections

    project = make_project(name="Före")
    client = Client()
    client.force_login(testing.make_controller())
    page(client, project)
    assert_kept(client, project)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Project._meta.db_table} SET name = %s WHERE id = %s",  # noqa: S608
                ["Ändrat på den andra servern", project.pk],
            )
    finally:
        other.close()
    assert "Ändrat på den andra servern" in page(client, project).content.decode()


def test_touch_data_ends_kept_pages_after_a_change_made_by_hand():
    from django.core.management import call_command

    project = make_project()
    client = Client()
    client.force_login(testing.make_controller())
    page(client, project)
    assert_kept(client, project)
    call_command("touch_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    count, _html = queries_of(client, project)
    assert count > 4


def test_an_adopted_year_is_kept_and_a_browser_that_has_it_still_gets_304(settings):
    load_skaraborg()
    client = Client()
    client.force_login(testing.make_user(Role.CONTROLLER))
    settings.SAMVERKA_PAGE_CACHE = False
    client.get("/budget/2025/")  # the CSRF cookie, which the ETag names, is set
    etag = client.get("/budget/2025/")["ETag"]
    settings.SAMVERKA_PAGE_CACHE = True
    first = client.get("/budget/2025/")
    with CaptureQueriesContext(connection) as queries:
        kept = client.get("/budget/2025/")
    assert kept.content == first.content.replace(
        re.search(rb'csrfmiddlewaretoken" value="([^"]+)"', first.content).group(1),
        re.search(rb'csrfmiddlewaretoken" value="([^"]+)"', kept.content).group(1),
    )
    assert len([q for q in queries.captured_queries if "django_session" not in q["sql"]]) <= 4
    assert client.get("/budget/2025/", headers={"if-none-match": etag}).status_code == 304


def test_a_page_rendered_by_one_app_server_is_answered_by_another(settings):
    """With a cache table (several app servers), a rendered page is shared through it; each
    server's memory is its own (cleared here to stand for the other server)."""
    from django.core.cache import caches
    from django.core.management import call_command

    settings.CACHES = settings.CACHES | {
        "shared_pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_shared_pages",
        }
    }
    call_command("createcachetable", verbosity=0)
    project = make_project(name="Delad sida")
    user = testing.make_controller()
    first_server, other_server = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_server.force_login(user)
    other_server.force_login(user)
    page(first_server, project)
    caches["pages"].clear()  # the other server has nothing in its memory
    before = dataversion.token()
    count, html = queries_of(other_server, project)
    assert count <= 5  # + the shared table's row
    assert "Delad sida" in html
    assert dataversion.token() == before  # writing the cache table is not a data change
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = form_data(project, name="Från den andra servern") | {"csrfmiddlewaretoken": token}
    response = other_server.post(reverse("portfolio:project_edit", args=[project.code]), data)
    assert response.status_code == 302


def test_a_write_after_a_rolled_back_savepoint_still_changes_the_version():
    """The savepoint's rollback takes its waiting change of version with it; the write after it
    must wait for one of its own."""
    project = make_project()
    before = dataversion.token()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Project.objects.filter(pk=project.pk).update(name="Ångrat")
            raise RuntimeError
        Project.objects.filter(pk=project.pk).update(name="Sparat efter ångern")
    assert dataversion.token() != before


def test_a_version_that_cannot_be_changed_is_logged_and_this_process_forgets_its_pages(caplog):
    from django.core.cache import caches
    from django.db import DatabaseError

    project = make_project()
    client = Client()
    client.force_login(testing.make_controller())
    page(client, project)
    assert_kept(client, project)
    assert len(caches["pages"]._cache) > 0  # LocMemCache's own store: the kept page

    def refuse(execute, sql, params, many, context):
        if "core_dataversion" in sql and sql.lstrip().upper().startswith("UPDATE"):
            raise DatabaseError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        Project.objects.filter(pk=project.pk).update(name="Sparat men oräknat")
    assert "could not be changed" in caplog.text
    assert len(caches["pages"]._cache) == 0
    assert "Sparat men oräknat" in page(client, project).content.decode()


def test_an_indented_read_is_not_taken_for_a_write():
    from samverka.core.dataversion import writes_data

    assert not writes_data("\n            SELECT name FROM sqlite_master\n")
    assert writes_data('\n    UPDATE "portfolio_project" SET name = %s')
    assert not writes_data('UPDATE "django_session" SET session_data = %s')
