"""What the chapters of the plan share: the period's data loaded once, texts as blocks, wording."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samverka.budget import tables as budget_tables
from samverka.budget import validation
from samverka.lib.findings import Finding, Severity
from samverka.lib.tabular import Row, Table
from samverka.orgs.models import Federation, PlanningPeriod, Unit
from samverka.reports import texts as plan_texts
from samverka.reports.document import Block, Callout


@dataclass
class Plan:
    """The period and what several chapters read, loaded once per build."""

    period: PlanningPeriod
    texts: plan_texts.Texts = field(init=False)

    def __post_init__(self) -> None:
        self.texts = plan_texts.Texts(self.period)

    @property
    def federation(self) -> Federation:
        return self.period.federation

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def draft(self) -> bool:
        return not self.period.is_locked

    @cached_property
    def budgets(self) -> budget_tables.Budgets:
        return budget_tables.load(self.period)

    @cached_property
    def findings(self) -> list[Finding]:
        return validation.run(self.period)

    @property
    def open_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    def text(self, section: str, unit: Unit | None = None, style: str = "") -> list[Block]:
        """The section's text as blocks; in a draft, a notice where none is written yet."""
        text = self.texts.get(section, unit)
        if text:
            return plan_texts.blocks(text, style)
        if not self.draft:
            return []
        label = plan_texts.Slot(section, unit).label
        return [
            Callout(
                _("Texten till avsnittet ”%(section)s” är inte skriven ännu.") % {"section": label},
                "info",
            )
        ]


NUMBER_WORDS = {
    1: "ett",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}


def count_word(n: int) -> str:
    """A count in running text: in words up to twelve in Swedish (Myndigheternas skrivregler),
    for a neuter noun ("ett mål"); as digits otherwise."""
    if (get_language() or "sv").startswith("sv") and n in NUMBER_WORDS:
        return NUMBER_WORDS[n]
    return str(n)


def join_names(names: list[str]) -> str:
    """ "A, B och C"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s och %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def without_empty_columns(table: Table, keep: set[str]) -> Table:
    """The table without the columns that hold nothing (a plan that names no owners has no
    owner column), except those in `keep`."""
    used = [
        i
        for i, column in enumerate(table.columns)
        if column.key in keep or any(row.values[i] not in (None, "") for row in table.rows)
    ]
    if len(used) == len(table.columns):
        return table
    result = Table(
        table.key,
        table.title,
        [table.columns[i] for i in used],
        source=table.source,
        notes=list(table.notes),
    )
    result.rows = [Row(tuple(r.values[i] for i in used), r.emphasis, r.level) for r in table.rows]
    return result
