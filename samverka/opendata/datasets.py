"""The open data sets: what each holds, and how it is built from the apps' tables.

Every data set is a `lib.tabular.Table` built by the app that owns the figures (`<app>/tables.py`);
this module names it with a key that stays the same every year (the URL's last part), says what
it holds in Swedish for the index page and the catalogue, and gives its columns keys that do not
change with the year ("budget", not "budget_2026"), so that a script written for one year reads
the next. Nothing here formats a figure: the JSON and CSV writers take the raw values.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.budget import tables as budget_tables
from samverka.budget import targets as target_module
from samverka.budget.tables import Budgets
from samverka.decisions import tables as decision_tables
from samverka.goals import tables as goal_tables
from samverka.lib.tabular import Column, Kind, Row, Table
from samverka.orgs import tables as org_tables
from samverka.orgs.models import PlanningPeriod
from samverka.plan import tables as plan_tables
from samverka.portfolio import tables as portfolio_tables

# EU data themes (publications.europa.eu/resource/authority/data-theme).
GOVERNMENT = "GOVE"
ECONOMY = "ECON"
REGIONS = "REGI"
SOCIETY = "SOCI"


class Sources:
    """What the data sets of one period are built from, each loaded once for all of them."""

    def __init__(self, period: PlanningPeriod) -> None:
        self.period = period

    @cached_property
    def budgets(self) -> Budgets:
        return budget_tables.load(self.period)


@dataclass(frozen=True)
class Dataset:
    key: str  # the URL's file name: /oppna-data/2026/<key>.json
    title: Promise  # without the year, as DCAT-AP-SE recommends for titles
    description: Promise
    keywords: tuple[Promise, ...]
    build: Callable[[Sources], Table | None]
    themes: tuple[str, ...] = (GOVERNMENT,)
    notes: tuple[Promise, ...] = field(default=())


# --- Shaping a page's table into an open data set ------------------------------------------

ROW_KINDS = {"heading": "rubrik", "total": "summa", "line": "rad"}


def _row_kind(row: Row) -> str:
    if row.emphasis and all(v is None for v in row.values[1:]):
        return ROW_KINDS["heading"]
    return ROW_KINDS["total"] if row.emphasis else ROW_KINDS["line"]


def reshape(
    table: Table,
    key: str,
    title: str,
    *,
    rename: dict[str, tuple[str, str]] | None = None,
    row_kinds: bool = False,
    prefix: list[tuple[Column, object]] | None = None,
) -> Table:
    """A copy of `table` as an open data set: its own key and title, columns renamed to keys
    that hold every year (rename: old key → (new key, new label)), and where the table has sum
    and heading rows, a first column `radtyp` that says which rows are which, so that a reader
    summing the lines does not count the sums twice."""
    rename = rename or {}
    prefix = prefix or []
    columns = [c for c, _value in prefix]
    if row_kinds:
        columns.append(Column("radtyp", _("Radtyp")))
    for column in table.columns:
        new_key, new_label = rename.get(column.key, (column.key, column.label))
        columns.append(Column(new_key, new_label, column.kind, column.decimals))
    result = Table(key, title, columns, source=table.source, notes=list(table.notes))
    for row in table.rows:
        values = [value for _column, value in prefix]
        if row_kinds:
            values.append(_row_kind(row))
        result.add(*values, *row.values, emphasis=row.emphasis, level=row.level)
    return result


def _budget_columns(year: int) -> dict[str, tuple[str, str]]:
    return {
        "rad": ("rad", _("Rad")),
        f"budget_{year}": ("budget", _("Budget %(year)s (kr)") % {"year": year}),
        f"budget_{year - 1}": (
            "budget_foregaende_ar",
            _("Budget %(year)s (kr)") % {"year": year - 1},
        ),
    }


# --- The budget's data sets ----------------------------------------------------------------


def operating_budget(sources: Sources) -> Table:
    year = sources.period.year
    return reshape(
        budget_tables.total_as_printed(sources.budgets),
        "driftbudget",
        _("Driftbudget, totalt %(year)s") % {"year": year},
        rename=_budget_columns(year),
        row_kinds=True,
    )


def unit_budgets(sources: Sources) -> Table | None:
    year = sources.period.year
    units = budget_tables.units_in(sources.budgets)
    if not units:
        return None
    parts = [
        reshape(
            budget_tables.unit_table(sources.budgets, unit),
            "budget-per-enhet",
            "",
            rename=_budget_columns(year),
            row_kinds=True,
            prefix=[
                (Column("enhet_kod", _("Enhetskod")), unit.code),
                (Column("enhet", _("Enhet")), unit.name),
            ],
        )
        for unit in units
    ]
    result = Table(
        "budget-per-enhet",
        _("Budget per enhet %(year)s") % {"year": year},
        parts[0].columns,
    )
    # A unit's table may have a column another lacks (no previous year): line them up by key.
    keys = [c.key for c in result.columns]
    for part in parts:
        for column in part.columns:
            if column.key not in keys:
                result.columns.append(column)
                keys.append(column.key)
    for part in parts:
        index = {c.key: i for i, c in enumerate(part.columns)}
        for row in part.rows:
            values = [row.values[index[k]] if k in index else None for k in keys]
            result.add(*values, emphasis=row.emphasis, level=row.level)
        result.notes += part.notes
    return result


def consolidated_budget(sources: Sources) -> Table:
    year = sources.period.year
    return reshape(
        budget_tables.consolidated_table(sources.budgets),
        "sammanstallning",
        _("Förbundet sammanställt från enheterna %(year)s") % {"year": year},
        rename=_budget_columns(year),
        row_kinds=True,
    )


def member_fees(sources: Sources) -> Table | None:
    table = budget_tables.fee_table(sources.period)
    if table is None:
        return None
    return reshape(table, "medlemsavgifter", table.title, row_kinds=True)


def financial_targets(sources: Sources) -> Table:
    """The targets with their values as numbers (the budget's own table prints them as text)."""
    period = sources.period
    table = Table(
        "finansiella-mal",
        _("Finansiella mål %(year)s") % {"year": period.year},
        [
            Column("mal_kod", _("Målkod")),
            Column("mal", _("Mål")),
            Column("matenhet", _("Måttenhet")),
            Column("varde", _("Värde"), Kind.DECIMAL, 2),
            Column("malvarde", _("Målvärde"), Kind.DECIMAL, 2),
            Column("uppfyllt", _("Uppfyllt")),
            Column("forklaring", _("Förklaring")),
        ],
    )
    met = {True: "ja", False: "nej", None: ""}
    for result in target_module.evaluate(period, sources.budgets.this):
        table.add(
            result.code,
            result.label,
            result.unit,
            result.value,
            result.threshold,
            met[result.met],
            result.explanation,
        )
    return table


# --- The other apps' data sets --------------------------------------------------------------


def members(sources: Sources) -> Table:
    return reshape(org_tables.members_table(), "medlemskommuner", _("Medlemskommuner"))


def goals(sources: Sources) -> Table:
    table = goal_tables.indicators_table()
    return reshape(table, "mal-och-indikatorer", table.title)


def indicator_values(sources: Sources) -> Table:
    table = goal_tables.values_table()
    return reshape(table, "indikatorvarden", table.title)


def priority_areas(sources: Sources) -> Table:
    table = plan_tables.activities_table(sources.period)
    return reshape(table, "prioriterade-omraden", table.title)


def projects(sources: Sources) -> Table:
    table = portfolio_tables.year_table(sources.period.year)
    return reshape(table, "projekt", table.title, row_kinds=True)


def decisions(sources: Sources) -> Table:
    table = decision_tables.register_table()
    return reshape(table, "beslut", table.title)


DATASETS: list[Dataset] = [
    Dataset(
        "driftbudget",
        gettext_lazy("Driftbudget, totalt"),
        gettext_lazy(
            "Förbundets driftbudget som den antagna budgeten trycker den: intäkter, "
            "personalkostnader, övriga kostnader och resultat i kronor, med föregående års "
            "budget och förändringen i kronor och procent."
        ),
        (gettext_lazy("budget"), gettext_lazy("driftbudget"), gettext_lazy("kommunalförbund")),
        operating_budget,
        (GOVERNMENT, ECONOMY),
    ),
    Dataset(
        "budget-per-enhet",
        gettext_lazy("Budget per enhet"),
        gettext_lazy(
            "Varje enhets budget: intäkter, personalkostnader, övriga kostnader, "
            "OH-kostnader (förbundskansliets overhead) och resultat i kronor, med föregående års "
            "budget och förändringen."
        ),
        (gettext_lazy("budget"), gettext_lazy("enhet"), gettext_lazy("overhead")),
        unit_budgets,
        (GOVERNMENT, ECONOMY),
    ),
    Dataset(
        "sammanstallning",
        gettext_lazy("Budget sammanställd från enheterna"),
        gettext_lazy(
            "Förbundets budget räknad som summan av enheternas, med overheadkostnader och "
            "overheadintäkter kvittade på en rad. Kan skilja sig från totaltabellen som den "
            "trycktes; skillnaderna står i anmärkningarna."
        ),
        (gettext_lazy("budget"), gettext_lazy("sammanställning")),
        consolidated_budget,
        (GOVERNMENT, ECONOMY),
    ),
    Dataset(
        "medlemsavgifter",
        gettext_lazy("Medlemsavgifter"),
        gettext_lazy(
            "Varje medlemskommuns avgift: invånare på referensdagen gånger avgiften per "
            "invånare, med summan och de budgeterade medlemsavgifterna."
        ),
        (gettext_lazy("medlemsavgift"), gettext_lazy("kommun"), gettext_lazy("invånare")),
        member_fees,
        (GOVERNMENT, ECONOMY, REGIONS),
    ),
    Dataset(
        "finansiella-mal",
        gettext_lazy("Finansiella mål"),
        gettext_lazy(
            "De finansiella målen (resultat, soliditet, kassalikviditet) med värde, målvärde och "
            "om målet uppfylls enligt budgeten, och hur värdet är beräknat."
        ),
        (gettext_lazy("finansiella mål"), gettext_lazy("soliditet"), gettext_lazy("resultat")),
        financial_targets,
        (GOVERNMENT, ECONOMY),
    ),
    Dataset(
        "projekt",
        gettext_lazy("Projekt i årets budget"),
        gettext_lazy(
            "De externt finansierade projekt som årets budget räknar med: ägande enhet, "
            "period, anslagsgivare, årets budget och dess grund, och årets finansiering per "
            "källa (egna medel, DRUM, medlemmarna, externa anslagsgivare)."
        ),
        (gettext_lazy("projekt"), gettext_lazy("anslagsgivare"), gettext_lazy("finansiering")),
        projects,
        (GOVERNMENT, ECONOMY, REGIONS),
    ),
    Dataset(
        "prioriterade-omraden",
        gettext_lazy("Prioriterade områden och aktiviteter"),
        gettext_lazy(
            "Verksamhetsplanens prioriterade områden med deras aktiviteter: ansvarig enhet, "
            "datum, status och svaret i den senaste avslutade uppföljningen."
        ),
        (gettext_lazy("verksamhetsplan"), gettext_lazy("aktivitet"), gettext_lazy("uppföljning")),
        priority_areas,
        (GOVERNMENT, REGIONS),
    ),
    Dataset(
        "mal-och-indikatorer",
        gettext_lazy("Mål och indikatorer"),
        gettext_lazy(
            "Förbundets mål med deras indikatorer: enhet, senaste utfall för hela området, "
            "målvärde och bedömning, som de såg ut när året antogs."
        ),
        (gettext_lazy("mål"), gettext_lazy("indikator"), gettext_lazy("målvärde")),
        goals,
        (GOVERNMENT, SOCIETY, REGIONS),
    ),
    Dataset(
        "indikatorvarden",
        gettext_lazy("Indikatorernas värden"),
        gettext_lazy(
            "Varje uppmätt värde för indikatorerna, per medlemskommun eller hela området och "
            "år, med ursprung (Kolada, SCB, medlemsenkäten eller inmatat) och källa."
        ),
        (gettext_lazy("indikator"), gettext_lazy("Kolada"), gettext_lazy("kommun")),
        indicator_values,
        (SOCIETY, REGIONS),
    ),
    Dataset(
        "medlemskommuner",
        gettext_lazy("Medlemskommuner"),
        gettext_lazy(
            "Förbundets medlemskommuner med kommunkod och senaste kända folkmängd, "
            "referensdatum och källa."
        ),
        (gettext_lazy("kommun"), gettext_lazy("folkmängd"), gettext_lazy("medlem")),
        members,
        (GOVERNMENT, REGIONS),
    ),
    Dataset(
        "beslut",
        gettext_lazy("Beslut"),
        gettext_lazy(
            "Beslutsregistret när året antogs: datum, organ, paragraf, rubrik, beslutstext, "
            "ärende, vad beslutet gäller och källa."
        ),
        (gettext_lazy("beslut"), gettext_lazy("direktion"), gettext_lazy("protokoll")),
        decisions,
        (GOVERNMENT,),
    ),
]


def by_key(key: str) -> Dataset | None:
    return next((d for d in DATASETS if d.key == key), None)
