import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_login_throttling(settings):
    # Django's test client logs in without a request, which django-axes refuses; the tests of
    # the throttling itself turn it on (accounts/tests/test_login_throttling.py).
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _default_language():
    # A request with a language cookie leaves that language active in the thread afterwards.
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.activate("sv")


def pytest_collection_modifyitems(config, items):
    # The browser tests check what a page shows (styles, layout, axe), which does not depend on
    # the database; CI runs them once, on SQLite, to stay within its time. Set
    # SAMVERKA_BROWSER_ON_POSTGRES=True to run them on PostgreSQL too.
    import os

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    if os.environ.get("SAMVERKA_BROWSER_ON_POSTGRES") == "True":
        return
    skip = pytest.mark.skip(reason="browser tests run on SQLite (SAMVERKA_BROWSER_ON_POSTGRES)")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The anonymous rate limit counts in the cache: each test starts with no requests counted.
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()
    yield


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # A test's writes are rolled back, never committed, so the data version never changes
    # within one: pages must be rendered every time. core/tests/test_page_cache.py turns it on.
    settings.SAMVERKA_PAGE_CACHE = False


@pytest.fixture(scope="session")
def _media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_root(settings, _media_dir):
    # Files the tests store (the documents of adopted periods, attachments) stay out of data/.
    settings.MEDIA_ROOT = str(_media_dir)


@pytest.fixture(autouse=True)
def _short_plan_outside_the_reports_tests(request, monkeypatch):
    # Adopting a period stores its plan as PDF, Word and HTML (reports.versions): 3–4 s of
    # WeasyPrint with the seed's 22-page plan, and some forty tests in other apps adopt. Those
    # tests are about adoption, not the document, so they store a one-page plan; the reports
    # tests build, store and check the real one (test_plan_outputs, test_versions).
    if "samverka/reports/" in str(request.path):
        return
    from samverka.reports import builders
    from samverka.reports.document import Document, Paragraph

    def short_plan(period):
        return Document(
            key=f"budget-och-verksamhetsplan-{period.year}",
            title=f"Budget och verksamhetsplan {period.year}",
            organisation=period.federation.name,
            blocks=[Paragraph("Kort plan för tester utanför rapporterna.")],
        )

    monkeypatch.setattr(builders, "plan", short_plan)


@pytest.fixture(autouse=True, scope="session")
def _replayed_seed():
    # Loading the seed into an empty database always writes the same rows: the first load of a
    # test process is recorded and later ones replay it (core/seed_replay.py).
    from samverka.core import seed_replay, seeding

    real = seeding._load
    seeding._load = seed_replay.replaying(seeding.load_from_sources)
    yield
    seeding._load = real


@pytest.fixture(scope="session")
def live_server(live_server):
    # pytest-django's live server, its requests counted until each is finished (_browser.InFlight).
    from samverka.core.tests._browser import InFlight

    httpd = live_server.thread.httpd
    live_server.in_flight = InFlight(httpd.get_app())
    httpd.set_app(live_server.in_flight)
    return live_server


@pytest.fixture(autouse=True)
def _live_server_settles(request):
    # A browser may leave a request in flight when its page closes; the live server's thread
    # then still holds the database while pytest-django empties it for the next test, and the
    # flush fails ("database table is locked"). Set up after the database, so torn down before
    # its flush: close the browser's pages and wait for the server to finish.
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    server = request.getfixturevalue("live_server")
    browser = request.getfixturevalue("browser") if "browser" in request.fixturenames else None
    yield
    from samverka.core.tests._browser import settle

    settle(browser, server)
