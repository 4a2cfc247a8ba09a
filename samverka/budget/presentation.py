"""Rows for the budget pages, in the document's layout (computed beside stated figures)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverka.budget.computations import Table, change
from samverka.budget.models import REVENUE_KINDS, LineKind
from samverka.lib.money import format_number

Figure = {
    "total_revenue": _("SUMMA INTÄKTER"),
    "total_costs": _("SUMMA KOSTNADER"),
    "result": _("RESULTAT"),
}


def _cap(label) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


@dataclass
class Cell:
    value: Decimal | None
    stated: Decimal | None = None

    @property
    def deviates(self) -> bool:
        return self.stated is not None and self.value is not None and self.stated != self.value


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: bool = False
    heading: bool = False

    @property
    def change(self):
        if len(self.cells) < 2:
            return None, None
        return change(self.cells[0].value, self.cells[1].value)


def document_rows(tables: list[Table | None]) -> list[Row]:
    """The rows of one table for several years (newest first), as the plan prints them."""
    present = set()
    for t in tables:
        if t is not None:
            present |= {k for k, v in t.by_kind.items()}
    kinds = [k for k in LineKind.values if k in present]

    def cells(fn, figure=None):
        return [
            Cell(None) if t is None else Cell(fn(t), t.stated.get(figure) if figure else None)
            for t in tables
        ]

    rows = []
    for kind in kinds:
        if kind in REVENUE_KINDS:
            rows.append(Row(_cap(LineKind(kind).label), cells(lambda t, k=kind: t.by_kind.get(k))))
    rows.append(Row(Figure["total_revenue"], cells(lambda t: t.revenue, "total_revenue"), True))
    rows.append(Row(_("KOSTNADER"), [], heading=True))
    for kind in kinds:
        if kind not in REVENUE_KINDS:
            rows.append(Row(_cap(LineKind(kind).label), cells(lambda t, k=kind: t.by_kind.get(k))))
    rows.append(Row(Figure["total_costs"], cells(lambda t: t.costs, "total_costs"), True))
    rows.append(Row(Figure["result"], cells(lambda t: t.result, "result"), True))
    return rows


def consolidated_rows(tables: list[Table]) -> list[Row]:
    """The federation from its units, overhead netted on one row, with the change per year."""
    spec = [
        (_("INTÄKTER"), lambda t: t.revenue, True),
        (_("Personal"), lambda t: t.personnel, False),
        (_("Övriga kostnader"), lambda t: t.other_costs, False),
        (_("OH-kostnader/intäkt (netto)"), lambda t: t.overhead_net, False),
        (_("SUMMA KOSTNADER"), lambda t: t.costs, True),
        (_("RESULTAT"), lambda t: t.result, True),
    ]
    return [Row(label, [Cell(fn(t)) for t in tables], total) for label, fn, total in spec]


def _number(value: Decimal | None) -> str:
    """As the `number` template filter writes it."""
    return "–" if value is None else format_number(value)


def rows_html(rows: list[Row], years: int) -> SafeString:
    """The body of a document table (`budget/_document_table.html`): a row per line, the
    computed figure per year and, where the source printed another, that figure under it.

    Written here in one pass rather than cell by cell in the template: the year page shows a
    table for every unit (sixty at ten times the example federation), and the template
    language took most of the page's time doing it. Every text is escaped."""
    printed = escape(gettext("tryckt"))
    html = []
    for row in rows:
        label = escape(row.label)
        if row.heading:
            html.append(
                f'<tr class="heading"><th scope="row" colspan="{years + 1}">{label}</th></tr>'
            )
            continue
        cells = "".join(
            f'<td class="num">{escape(_number(cell.value))}'
            + (
                f'<br><span class="deviates">{printed}: {escape(_number(cell.stated))} ⚠</span>'
                if cell.deviates
                else ""
            )
            + "</td>"
            for cell in row.cells
        )
        total = ' class="total"' if row.total else ""
        html.append(f'<tr{total}><th scope="row">{label}</th>{cells}</tr>')
    return mark_safe("\n".join(html))  # noqa: S308 - every text above is escaped
