"""The background-work pages and the notification choices in a real browser: a document built
from /rapporter/ without JavaScript, the progress polled by htmx with it, and every page (a job
running, done and failed, the reports page, the choices) at 1366 and 390 px: styled, no
sideways scroll, no axe-core WCAG 2.1 AA violation; the fetch page with its Kolada button too.
Screenshots land in
build/screenshots/jobs/ (or $CI_ARTIFACTS)."""

import os

import pytest
from django.urls import reverse

from samverka.core.tests._browser import (
    CHROMIUM,
    ResourceWatch,
    axe_violations,
    layout_problems,
    log_in,
    screenshot_dir,
)
from samverka.core.tests.test_browser import _seed, browser  # noqa: F401 - the shared fixture
from samverka.jobs.models import Job

if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _seed()
    return live_server


def _context(browser, server, width=1366, javascript=True):  # noqa: F811
    return browser.new_context(
        base_url=server.url,
        locale="sv-SE",
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
    )


def _jobs():
    from django.contrib.auth import get_user_model

    ekonom = get_user_model().objects.get(username="ekonom")
    running = Job.objects.create(
        kind=Job.Kind.SIE_IMPORT,
        title="Inläsning av huvudbok-2026.se",
        started_by=ekonom,
        status=Job.Status.RUNNING,
        done=18_400_000,
        total=42_000_000,
        step="1 210 000 rader lästa",
    )
    failed = Job.objects.create(
        kind=Job.Kind.KOLADA,
        title="Hämtning från Kolada 2016–2026",
        started_by=ekonom,
        status=Job.Status.FAILED,
        result_url=reverse("goals:fetch_runs"),
        result_label="Hämtningarna",
        message=(
            "Hämtningen från Kolada misslyckades. Kolada svarade inte (HTTP 503) efter 3 "
            "försök.\nInget sparades; de senast hämtade värdena gäller."
        ),
    )
    return running, failed


def test_a_document_is_built_without_javascript_and_its_file_downloads(browser, server):  # noqa: F811
    context = _context(browser, server, javascript=False)
    page = context.new_page()
    log_in(page, "ekonom")
    page.goto(reverse("reports:index"))
    form = page.locator("form.job-document-form").first
    form.get_by_label("Format").select_option("docx")
    form.get_by_role("button", name="Skapa dokumentet").click()
    page.wait_for_url("**/jobb/*/")
    assert "Klart." in page.locator(".job-progress").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned").click()
    assert download.value.suggested_filename.endswith(".docx")
    context.close()


def test_htmx_polls_a_running_job_until_it_ends(browser, server):  # noqa: F811
    running, _failed = _jobs()
    context = _context(browser, server)
    page = context.new_page()
    log_in(page, "ekonom")
    page.goto(running.get_absolute_url())
    assert page.locator("progress").get_attribute("value") == "43"
    Job.objects.filter(pk=running.pk).update(
        status=Job.Status.DONE, result_url=reverse("ledger:index"), result_label="Utfall"
    )
    page.locator(".message-success").wait_for(timeout=10_000)
    assert page.url.endswith(running.get_absolute_url())  # the fragment, not a reload
    assert page.locator("progress").count() == 0
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_pages_are_styled_fit_and_pass_axe(browser, server, width):  # noqa: F811
    running, failed = _jobs()
    context = _context(browser, server, width)
    page = context.new_page()
    watch = ResourceWatch()
    watch.attach(page)
    log_in(page, "ekonom")
    page.goto(reverse("reports:index"))
    page.locator("form.job-document-form").first.get_by_role(
        "button", name="Skapa dokumentet"
    ).click()
    page.wait_for_url("**/jobb/*/")
    done = page.url
    pages = {
        "jobb-pagar": running.get_absolute_url(),
        "jobb-klart": done,
        "jobb-misslyckat": failed.get_absolute_url(),
        "jobb-lista": reverse("jobs:index"),
        "rapporter": reverse("reports:index"),
        "aviseringar": reverse("notifications:preferences"),
        "hamtningar": reverse("goals:fetch_runs"),
    }
    shots = screenshot_dir() / "jobs"
    shots.mkdir(exist_ok=True)
    problems = {}
    for name, url in pages.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        style, sideways = layout_problems(page)
        found = watch.take() + style + sideways + [str(v) for v in axe_violations(page)]
        if found:
            problems[name] = found
        page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
    context.close()
    assert not problems, problems
