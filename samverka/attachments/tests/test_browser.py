"""The pages with documents in a real browser: upload without JavaScript, download, remove;
each page passes axe-core at 1366 and 390 px without sideways scrolling. Screenshots land in
build/screenshots/attachments/ (or $CI_ARTIFACTS)."""

import os

import pytest
from django.urls import reverse

from samverka.attachments import testing
from samverka.attachments.models import Attachment
from samverka.core.tests._browser import (
    CHROMIUM,
    ResourceWatch,
    axe_violations,
    layout_problems,
    log_in,
    screenshot_dir,
)
from samverka.core.tests.test_browser import _seed, browser  # noqa: F401 - the shared fixture
from samverka.decisions.models import Decision
from samverka.portfolio.models import Project

if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING = ["direktion", "2025-10-10"]
DECISION = "ansokan-kraftsamling-framtidsrusta"
PROJECT = "kraftsamling-framtidsrusta"


@pytest.fixture
def server(live_server):
    _seed()
    return live_server


def _context(browser, server, width=1366, javascript=True):  # noqa: F811
    return browser.new_context(
        base_url=server.url,
        locale="sv-SE",
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
    )


def _documents():
    decision = Decision.objects.get(code=DECISION)
    decision.reference_number = "SKF 2025/102"
    decision.save()
    testing.make_attachment(
        decision.meeting, "Protokoll direktionen 2025-10-10.pdf", reference_number="SKF 2025/98"
    )
    testing.make_attachment(decision, "Tjänsteskrivelse.docx", testing.docx())
    project = Project.objects.get(code=PROJECT)
    testing.make_attachment(
        project, "Ansökan Kraftsamling.pdf", kind="application", reference_number="SKF 2025/102"
    )
    return testing.make_attachment(
        project,
        "Beslut om stöd VGR.pdf",
        kind="funder_decision",
        title="Beslut om regionalt utvecklingsstöd",
        reference_number="RUN 2025-00417",
    )


def test_without_javascript_the_minutes_go_up_as_a_form_and_come_back(browser, server, media):  # noqa: F811
    context = _context(browser, server, javascript=False)
    page = context.new_page()
    log_in(page, "ekonom")
    page.goto(reverse("decisions:meeting", args=MEETING))
    # No documents yet: the form is unfolded, a plain multipart POST.
    page.get_by_label("Fil:", exact=True).set_input_files(
        files=[
            {
                "name": "Protokoll direktionen å.pdf",
                "mimeType": "application/pdf",
                "buffer": testing.PDF,
            }
        ]
    )
    page.get_by_label("Diarienummer:", exact=True).fill("SKF 2025/98")
    page.get_by_role("button", name="Ladda upp").click()
    page.wait_for_url(f"**{reverse('decisions:meeting', args=MEETING)}#bilagor")
    assert "”Protokoll direktionen å.pdf” är uppladdad" in page.locator(".messages").inner_text()

    link = page.get_by_role("link", name="Protokoll direktionen å", exact=True)
    response = context.request.get(link.get_attribute("href"))  # the context's session
    assert response.status == 200
    assert response.body() == testing.PDF
    assert (
        "filename*=UTF-8''Protokoll%20direktionen%20%C3%A5.pdf"
        in (response.headers["content-disposition"])
    )
    attachment = Attachment.objects.get()
    assert testing.stored_names(media) == [attachment.file.name]
    context.close()


def test_without_javascript_a_refused_file_is_explained_on_the_form(browser, server, media):  # noqa: F811
    context = _context(browser, server, javascript=False)
    page = context.new_page()
    log_in(page, "ekonom")
    page.goto(reverse("portfolio:project", args=[PROJECT]))
    page.get_by_label("Fil:", exact=True).set_input_files(
        files=[{"name": "ansökan.pdf", "mimeType": "application/pdf", "buffer": testing.EXE}]
    )
    page.get_by_role("button", name="Ladda upp").click()
    summary = page.get_by_role("alert")
    assert "”ansökan.pdf” är ingen PDF-fil" in summary.inner_text()
    # The error links to the file field, which is where the keyboard goes.
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "bilaga_file"
    assert not Attachment.objects.exists()
    assert testing.stored_names(media) == []
    context.close()


def test_removing_asks_first_and_says_it_was_done(browser, server, media):  # noqa: F811
    removed = _documents()
    context = _context(browser, server)
    page = context.new_page()
    log_in(page, "ekonom")
    page.goto(reverse("portfolio:project", args=[PROJECT]))
    page.get_by_role("link", name="Ta bort Beslut om regionalt utvecklingsstöd").click()
    page.get_by_role("heading", name="Ta bort Beslut om regionalt utvecklingsstöd?").wait_for()
    page.get_by_role("button", name="Ta bort handlingen").click()
    page.wait_for_url(f"**{reverse('portfolio:project', args=[PROJECT])}#bilagor")
    assert "”Beslut om stöd VGR.pdf” är borttagen." in page.locator(".messages").inner_text()
    assert not Attachment.objects.filter(code=removed.code).exists()
    context.close()


@pytest.mark.parametrize("width", (1366, 390))
def test_the_pages_with_documents_pass_axe_fit_the_width_and_are_styled(browser, server, width):  # noqa: F811
    attachment = _documents()
    context = _context(browser, server, width)
    page = context.new_page()
    watch = ResourceWatch()
    watch.attach(page)
    log_in(page, "ekonom")
    watch.take()
    shots = screenshot_dir() / "attachments" / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    pages = {
        "decision": reverse("decisions:decision", args=[DECISION]),
        "decision-edit": reverse("decisions:decision_edit", args=[DECISION]),
        "meeting": reverse("decisions:meeting", args=MEETING),
        "meeting-without-minutes": reverse("decisions:meeting", args=["direktion", "2025-11-07"]),
        "register": reverse("decisions:index"),
        "project": reverse("portfolio:project", args=[PROJECT]),
        "upload": reverse("attachments:upload_project", args=[PROJECT]),
        "delete": reverse("attachments:delete", args=[attachment.code]),
    }
    problems = {}
    for name, url in pages.items():
        response = page.goto(url)
        found = [f"answered {response.status}"] if response.status >= 400 else []
        found += watch.take()
        for details in page.locator("details.upload").all():
            details.evaluate("d => d.open = true")  # check the folded form too
        style, sideways = layout_problems(page)
        found += style + sideways + [str(v) for v in axe_violations(page)]
        page.screenshot(path=shots / f"{name}.png", full_page=True)
        if found:
            problems[name] = found
    # The upload page after a refused file: the error summary and the marked field.
    page.goto(pages["upload"])
    page.get_by_label("Fil:", exact=True).set_input_files(
        files=[{"name": "setup.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}]
    )
    page.get_by_role("button", name="Ladda upp").click()
    page.get_by_role("alert").wait_for()
    refused = [str(v) for v in axe_violations(page)] + sum(layout_problems(page), [])
    page.screenshot(path=shots / "upload-refused.png", full_page=True)
    if refused:
        problems["upload-refused"] = refused
    context.close()
    assert problems == {}
