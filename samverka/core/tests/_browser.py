"""Helpers for the browser tests: launch Debian's chromium, watch a page's resources, read the
layout, save screenshots. Not a test module (pytest collects test_*.py only)."""

import os
import re
import shutil
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
