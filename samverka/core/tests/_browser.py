"""Helpers for the browser tests: launch Debian's chromium, watch a page's resources, read the
layout, save screenshots. Not a test module (pytest collects test_*.py only)."""

import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
REPOSITORY = Path(__file__).resolve().parents[3]


def screenshot_dir() -> Path:
    """CI collects $CI_ARTIFACTS; locally the screenshots land in build/ (git-ignored)."""
    root = (
        Path(os.environ["CI_ARTIFACTS"]) if os.environ.get("CI_ARTIFACTS") else REPOSITORY / "build"
    )
    path = root / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class ResourceWatch:
    """Every response of 400 or more, and every request that failed, since the last reset."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("response", self._response)
        page.on("requestfailed", self._failed)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status} {response.url}")

    def _failed(self, request) -> None:
        self.problems.append(f"failed ({request.failure}) {request.url}")

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def hex_to_rgb(value: str) -> str:
    """ "#083a5c" → "rgb(8, 58, 92)", the form getComputedStyle answers in."""
    digits = value.strip().lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", digits):
        raise ValueError(f"not a six-digit colour: {value!r}")
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


LAYOUT_PROBE = """() => {
  const root = getComputedStyle(document.documentElement);
  const header = document.querySelector('.site-header');
  return {
    brandToken: root.getPropertyValue('--color-brand-strong').trim(),
    fontToken: root.getPropertyValue('--font-family').trim(),
    headerBackground: header ? getComputedStyle(header).backgroundColor : null,
    bodyFont: getComputedStyle(document.body).fontFamily,
    // Production forbids inline style and script (Content-Security-Policy).
    inlineStyles: document.querySelectorAll('[style], style').length,
    inlineScripts: document.querySelectorAll('script:not([src])').length,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


def layout_problems(page) -> tuple[list[str], list[str]]:
    """(style problems, sideways-scroll problems) of the page as rendered. A style problem is
    a stylesheet that did not apply, or an inline style or script production would block."""
    probe = page.evaluate(LAYOUT_PROBE)
    style = []
    if not probe["brandToken"]:
        style.append("the design tokens are missing: samverka.css did not apply")
    elif probe["headerBackground"] != hex_to_rgb(probe["brandToken"]):
        style.append(f"header background {probe['headerBackground']} is not the brand token")
    if probe["fontToken"] and probe["bodyFont"].replace('"', "") != probe["fontToken"].replace(
        '"', ""
    ):
        style.append(f"body font {probe['bodyFont']!r} is not the token's")
    if probe["inlineStyles"] or probe["inlineScripts"]:
        style.append(
            f"{probe['inlineStyles']} inline styles and {probe['inlineScripts']} inline scripts"
        )
    sideways = []
    if probe["scrollWidth"] > probe["innerWidth"]:
        wide = page.evaluate(WIDEST_ELEMENTS)
        sideways.append(f"{probe['scrollWidth']} px wide in {probe['innerWidth']} px: {wide}")
    return style, sideways


# Names the elements that stick out, so a failure says where to look.
WIDEST_ELEMENTS = """() => {
  const limit = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > limit + 1 && !el.closest('.table-scroll, .gantt')) {
      const cls = el.className ? '.' + String(el.className).split(' ')[0] : '';
      out.push(el.tagName.toLowerCase() + cls);
    }
    if (out.length >= 5) break;
  }
  return out;
}"""


def log_in(page, username: str, password: str = "pw") -> None:  # noqa: S107 - test personas
    """Log in through the login form, as a person would, and land on the overview."""
    from django.urls import reverse

    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/oversikt/")


def axe_violations(page) -> list[tuple[str, str, int]]:
    """What axe-core finds against WCAG 2.1 AA on the page: (rule, help, number of nodes)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG_21_AA).response["violations"]
    return [(v["id"], v["help"], len(v["nodes"])) for v in found]


class InFlight:
    """The live server's WSGI application, wrapped to know which requests it is still handling.

    A request counts from its arrival until the server has closed its response, which is when
    Django ends the request and lets go of the database. The tests wait for none before the
    database is emptied (the root conftest.py): a request the browser left behind when its
    context closed would otherwise still hold SQLite's lock while pytest-django flushes."""

    def __init__(self, app):
        self.app = app
        self._paths: list[str] = []
        self._changed = threading.Condition()

    def __call__(self, environ, start_response):
        path = f"{environ.get('REQUEST_METHOD', '')} {environ.get('PATH_INFO', '')}"
        with self._changed:
            self._paths.append(path)
        try:
            response = self.app(environ, start_response)
        except BaseException:
            self._finished(path)
            raise
        return _ClosedThen(response, lambda: self._finished(path))

    def _finished(self, path: str) -> None:
        with self._changed:
            self._paths.remove(path)
            self._changed.notify_all()

    @property
    def paths(self) -> list[str]:
        with self._changed:
            return list(self._paths)

    def wait_until_idle(self, timeout: float) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: not self._paths, timeout):
                raise AssertionError(
                    f"the live server was still handling {', '.join(self._paths)} {timeout:g} s "
                    "after the test: a request left in flight would hold the database while "
                    "it is emptied for the next test"
                )


class _ClosedThen:
    """A WSGI response that calls `then` once the server has closed it (also after an error)."""

    def __init__(self, response, then):
        self._response, self._then = response, then

    def __iter__(self):
        return iter(self._response)

    def close(self) -> None:
        then, self._then = self._then, None
        try:
            if hasattr(self._response, "close"):
                self._response.close()
        finally:
            if then:
                then()


SETTLE_SECONDS = 30


def settle(browser, server, timeout: float = SETTLE_SECONDS) -> None:
    """After a browser test: close every context the browser still has open (so no page starts
    another request), then wait until the live server has finished the requests in flight."""
    if browser is not None:
        for context in browser.contexts:
            context.close()
    server.in_flight.wait_until_idle(timeout)
