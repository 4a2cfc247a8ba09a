"""Server-side SVG for charts: scales, nice ticks, label placement, escaping, the frame.

Knows nothing of the domain; `goals.charts` (indicator line charts) and `portfolio.timeline`
(the project Gantt) draw with it. The output is one self-contained `<svg>` string:

- colours, strokes and fonts are presentation attributes (`fill=`, `stroke=`), never `style=`
  (the content security policy forbids inline style) and never external CSS, so the same SVG
  reads the same on a page, in a PDF document and opened on its own;
- every stroke and fill that carries data has at least 3:1 contrast against white (WCAG 1.4.11);
- it is an `<svg role="img">` labelled by its `<title>` and `<desc>`; the page keeps the data
  table beside it (WCAG 1.1.1);
- it scales with `viewBox` and `width="100%"`, so the chart fits a 390 px phone.

Pixel geometry is float (pixels are not money); data values and tick values are Decimal, so a
tick label is formatted exactly ("267 100", "42,5").
"""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from samverka.lib.money import format_number

FONT_FAMILY = "system-ui, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
# Contrast against white: text 16.9:1, muted 8.9:1, accent 7.5:1, warning 8.3:1, error 8.6:1,
# grey 3.4:1 (the lightest colour allowed for a line that carries data).
TEXT = "#1b1b1b"
MUTED = "#4a4a4a"
ACCENT = "#0b5394"
ACCENT_LIGHT = "#e8f0f8"  # fills only, always inside an ACCENT outline
WARNING = "#7a4a00"
ERROR = "#a4001d"
GREY = "#8a8a8a"
WHITE = "#ffffff"

NICE_FACTORS = (1, 2, 5)
# A white outline painted under a text's fill: lines running behind the text stay out of it.
HALO = {"stroke": WHITE, "stroke_width": "4", "stroke_linejoin": "round", "paint_order": "stroke"}


# --- escaping and elements ---------------------------------------------------------------


def escape(text: object) -> str:
    """Escape text for an XML text node or a double- or single-quoted attribute."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def num(value: float) -> str:
    """A coordinate: one decimal at most, no "-0", no trailing ".0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = num(value)
        # class_ → class, stroke_width → stroke-width, aria_labelledby → aria-labelledby
        name = key.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{escape(value)}"')
    return "".join(parts)


def element(tag: str, content: str = "", **attrs: object) -> str:
    """One element. `content` is markup already built by these functions, never raw text."""
    if not content:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def text(x: float, y: float, label: object, **attrs: object) -> str:
    """A text element at (x, baseline y); the label is escaped."""
    defaults = {"fill": TEXT}
    return element("text", escape(label), x=x, y=y, **(defaults | attrs))


def title(label: object) -> str:
    """A tooltip and accessible name for the enclosing element."""
    return f"<title>{escape(label)}</title>"


def points(coords: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in coords)


def document(
    *,
    chart_id: str,
    width: float,
    height: float,
    label: str,
    description: str,
    body: str,
    css_class: str = "chart",
    font_size: float = 14,
) -> str:
    """The accessible frame: `<svg role="img">` named by its title and described by its desc."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    head = element("title", escape(label), id=title_id) + element(
        "desc", escape(description), id=desc_id
    )
    return element(
        "svg",
        head + body,
        xmlns="http://www.w3.org/2000/svg",
        role="img",
        aria_labelledby=f"{title_id} {desc_id}",
        class_=css_class,
        id=chart_id,
        viewBox=f"0 0 {num(width)} {num(height)}",
        width="100%",
        preserveAspectRatio="xMinYMin meet",
        font_family=FONT_FAMILY,
        font_size=num(font_size),
    )


def text_width(label: str, font_size: float, bold: bool = False) -> float:
    """A generous estimate of the rendered width (no font metrics on the server).

    Digits and most lower-case letters of a sans-serif font are 0.5–0.6 em wide, of a wide one
    such as DejaVu Sans (Linux's usual fallback) up to 0.65, bold 0.7; the estimate errs wide so
    that space reserved for a label is enough.
    """
    return len(label) * font_size * (0.7 if bold else 0.62)


def truncate(label: str, max_width: float, font_size: float) -> str:
    """Shorten a label with an ellipsis so that it fits `max_width`; the full text goes in a
    `<title>` beside it."""
    if text_width(label, font_size) <= max_width:
        return label
    keep = max(1, int(max_width / (font_size * 0.62)) - 1)
    return label[:keep].rstrip() + "…"


# --- scales and ticks --------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A linear map from a data domain onto a pixel range (the range may run downwards)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: Decimal | float | int) -> float:
        if self.high == self.low:
            return (self.start + self.end) / 2
        share = (float(value) - self.low) / (self.high - self.low)
        return self.start + share * (self.end - self.start)


@dataclass(frozen=True)
class Ticks:
    """Axis ticks: equally spaced multiples of a nice step; the first and last bound the axis."""

    values: list[Decimal]
    step: Decimal

    @property
    def low(self) -> Decimal:
        return self.values[0]

    @property
    def high(self) -> Decimal:
        return self.values[-1]

    @property
    def decimals(self) -> int:
        return max(0, -int(self.step.normalize().as_tuple().exponent))

    def labels(self, formatter: Callable[[Decimal, int], str] = format_number) -> list[str]:
        return [formatter(value, self.decimals) for value in self.values]

    def scale(self, start: float, end: float) -> Scale:
        return Scale(float(self.low), float(self.high), start, end)


def nice_step(span: Decimal, count: int = 5) -> Decimal:
    """The smallest step of 1, 2 or 5 × 10^n that divides `span` into at most `count` parts."""
    if span <= 0:
        raise ValueError("span must be positive")
    raw = span / count
    exponent = math.floor(math.log10(raw))
    # Start one decade low: log10 of a float can land a hair on either side of an integer.
    for shift in (exponent - 1, exponent, exponent + 1):
        for factor in NICE_FACTORS:
            step = Decimal(factor).scaleb(shift)
            if step >= raw:
                return step
    raise AssertionError("unreachable: 1 × 10^(n+1) is always at least raw")  # pragma: no cover


def nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> Ticks:
    """Ticks from a multiple of the step at or below `low` to one at or above `high`."""
    if high < low:
        low, high = high, low
    if high == low:
        spread = abs(low) / 10 if low else Decimal(1)
        low, high = low - spread, high + spread
    step = nice_step(high - low, count)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR")
    last = (high / step).to_integral_value(rounding="ROUND_CEILING")
    # The step is chosen for span/count, but the floor and ceiling can add a tick at each end.
    values = [(first + k) * step for k in range(int(last - first) + 1)]
    return Ticks([v.normalize() if v else Decimal(0) for v in values], step)


def fit_axis(
    values: Iterable[Decimal],
    count: int = 5,
    zero_share: Decimal = Decimal("0.25"),
    padding: Decimal = Decimal("0.05"),
) -> Ticks:
    """A value axis fitted to the data.

    Zero is on the axis only when the data already start near it: all values of one sign and
    the one nearest zero within `zero_share` of the one farthest from it (a count of 3–40, a
    share of 12–60 %). Otherwise the axis fits the data with a little `padding` on each side,
    so that a population of 267 100–268 800 fills the chart instead of lying flat on top.
    """
    data = [Decimal(v) for v in values]
    if not data:
        return Ticks([Decimal(0), Decimal(1)], Decimal(1))
    low, high = min(data), max(data)
    if low >= 0 and low <= zero_share * high:
        return nice_ticks(Decimal(0), high if high > 0 else Decimal(1), count)
    if high <= 0 and high >= zero_share * low:
        return nice_ticks(low if low < 0 else Decimal(-1), Decimal(0), count)
    pad = (high - low) * padding
    return nice_ticks(low - pad, high + pad, count)


def thin(positions: Sequence[float], widths: Sequence[float], gap: float = 6) -> list[int]:
    """Which of the labels centred at `positions` (ascending) to show so none touch: always the
    first, then each that starts at least `gap` after the last one shown ends, keeping a
    regular rhythm (every k-th label)."""
    n = len(positions)
    for every in range(1, n + 1):
        kept = list(range(0, n, every))
        if all(
            positions[b] - widths[b] / 2 - (positions[a] + widths[a] / 2) >= gap
            for a, b in zip(kept, kept[1:], strict=False)
        ):
            return kept
    return [0] if n else []


# --- labels that never collide -------------------------------------------------------------


def place_labels(wanted: Sequence[float], height: float, top: float, bottom: float) -> list[float]:
    """Vertical centres for labels of one column, as near as possible to where each wants to be.

    Labels are kept in the order of `wanted`, at least `height` apart, and inside
    [top, bottom]; overlapping ones are pushed apart as a group around their mean. If the column
    cannot hold them all (n × height > bottom − top) they are spread evenly, which is the best
    that space allows.
    """
    n = len(wanted)
    if n == 0:
        return []
    lo, hi = top + height / 2, bottom - height / 2
    order = sorted(range(n), key=lambda i: wanted[i])
    if n * height > bottom - top:
        step = (hi - lo) / (n - 1) if n > 1 else 0
        spread = [0.0] * n
        for rank, i in enumerate(order):
            spread[i] = lo + rank * step if n > 1 else (top + bottom) / 2
        return spread
    # Each cluster: (start centre, indices); members sit at start, start + h, start + 2h, …
    clusters: list[tuple[float, list[int]]] = []
    for i in order:
        members = [i]
        start = min(max(wanted[i], lo), hi)
        while clusters and clusters[-1][0] + len(clusters[-1][1]) * height > start + 1e-9:
            _start, previous = clusters.pop()
            members = previous + members
            k = len(members)
            mean = sum(min(max(wanted[j], lo), hi) for j in members) / k
            start = min(max(mean - (k - 1) * height / 2, lo), hi - (k - 1) * height)
        clusters.append((start, members))
    centres = [0.0] * n
    for start, members in clusters:
        for rank, i in enumerate(members):
            centres[i] = start + rank * height
    return centres
