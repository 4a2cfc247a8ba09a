"""The chapters "Ekonomi" and "Finansiella mål": budget, actual, forecast and variance per unit
and for the federation, as `ledger.followup` computes them, and the financial targets.

The actuals run through the last month that is both over on the report's date and booked in
the imported file, so a report per 2026-08-31 with a file booked through March compares
January–March and says so; it never compares eight months of budget with three of actuals.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from samverka.budget import targets as budget_targets
from samverka.budget.computations import PeriodBudget, load_budget
from samverka.budget.models import LineKind
from samverka.ledger import tables as ledger_tables
from samverka.ledger.followup import (
    PeriodSummary,
    Row,
    UnitFollowUp,
    active_batch,
    period_follow_up,
    unit_follow_ups,
)
from samverka.ledger.models import Actual, ImportBatch, ManualForecast
from samverka.ledger.sums import period_sums
from samverka.lib.money import document_kr, format_percent
from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import Unit
from samverka.reports.document import (
    BulletList,
    Callout,
    Facts,
    Heading,
    Paragraph,
    TableBlock,
)
from samverka.reports.followup.common import Scope, month_and_year, month_name

ZERO = Decimal(0)


@dataclass
class Comment:
    unit: Unit
    kind_label: str
    text: str


@dataclass
class Economy:
    scope: Scope
    budget: PeriodBudget
    batch: ImportBatch | None
    month: int | None  # the month the actuals run through; None: no actuals to report
    summaries: list[PeriodSummary] = field(default_factory=list)
    follows: list[UnitFollowUp] = field(default_factory=list)
    manual_forecasts: list[ManualForecast] = field(default_factory=list)

    @property
    def has_actuals(self) -> bool:
        return self.month is not None

    @property
    def total(self) -> Row | None:
        return ledger_tables.federation_total(self.summaries) if self.has_actuals else None

    @property
    def budget_result(self) -> Decimal:
        return self.budget.consolidated.result

    @property
    def forecast_result(self) -> Decimal | None:
        return self.total.forecast if self.total else None

    @property
    def lags(self) -> bool:
        """The file is booked through an earlier month than the report's date closes."""
        return self.has_actuals and self.month < self.scope.closed_month

    def follow_for(self, unit: Unit | None) -> UnitFollowUp | None:
        if unit is None:
            return None
        return next((f for f in self.follows if f.unit.pk == unit.pk), None)

    @cached_property
    def units_without_actuals(self) -> list[Unit]:
        booked = {
            unit_id
            for unit_id, _kind, _month in period_sums(self.scope.period, month__lte=self.month or 0)
        }
        return [f.unit for f in self.follows if f.unit.pk not in booked]

    @property
    def without_unit(self) -> Row | None:
        return next((s.result for s in self.summaries if s.unit is None), None)

    @property
    def comments(self) -> list[Comment]:
        return [
            Comment(follow.unit, row.label, row.comment.text)
            for follow in self.follows
            for row in follow.rows
            if row.comment and row.comment.text.strip()
        ]

    def notable(self, count: int = 3) -> list[PeriodSummary]:
        """The units whose forecast differs most from their budget (never a zero variance)."""
        units = [s for s in self.summaries if s.unit is not None and s.result.forecast_variance]
        units.sort(key=lambda s: abs(s.result.forecast_variance), reverse=True)
        return units[:count]


def gather(scope: Scope) -> Economy:
    period = scope.period
    batch = active_batch(period)
    month = None
    if batch is not None and batch.through_month and scope.closed_month:
        month = min(scope.closed_month, batch.through_month)
        if not Actual.objects.filter(period=period, month__lte=month).exists():
            month = None
    economy = Economy(
        scope,
        load_budget(period),
        batch,
        month,
        manual_forecasts=list(
            ManualForecast.objects.filter(period=period)
            .select_related("unit")
            .order_by("unit__name", "line_kind")
        ),
    )
    if month is not None:
        economy.summaries = period_follow_up(period, month)
        economy.follows = unit_follow_ups(period, month, economy.summaries)
    return economy


# --- Blocks ---------------------------------------------------------------------------------


def _kind_label(kind: str) -> str:
    label = str(LineKind(kind).label) if kind in LineKind.values else kind
    return label[:1].upper() + label[1:]


def basis_text(economy: Economy) -> str:
    """Where the actuals come from and how far they run, in one sentence."""
    if not economy.has_actuals:
        return no_actuals_text(economy)
    return _(
        "Utfallet avser januari–%(month)s %(year)s och kommer från filen %(file)s, inläst %(date)s."
    ) % {
        "month": month_name(economy.month),
        "year": economy.scope.year,
        "file": economy.batch.file_name,
        "date": economy.batch.imported_at.date().isoformat(),
    }


def lag_text(economy: Economy) -> str:
    """The months that are over on the report's date but not booked in the file."""
    scope = economy.scope
    return _(
        "Bokföringen är inläst till och med %(booked)s. Utfallet för %(missing)s ingår inte; "
        "prognosen bygger på budgeten för de månaderna."
    ) % {
        "booked": month_and_year(economy.month, scope.year),
        "missing": (
            month_and_year(scope.closed_month, scope.year)
            if scope.closed_month == economy.month + 1
            else f"{month_name(economy.month + 1)}–{month_and_year(scope.closed_month, scope.year)}"
        ),
    }


def no_actuals_text(economy: Economy) -> str:
    scope = economy.scope
    if not scope.closed_month:
        return _(
            "Ingen månad av %(year)s är avslutad per %(date)s, så det finns inget utfall att "
            "redovisa. Budgeten visas."
        ) % {"year": scope.year, "date": scope.on.isoformat()}
    if economy.batch is None:
        return _(
            "Inget utfall är inläst för %(year)s. Rapporten visar budgeten; utfall, avvikelser "
            "och prognos redovisas när bokföringen har lästs in (SIE-fil)."
        ) % {"year": scope.year}
    return _(
        "Den inlästa filen %(file)s har inget utfall för januari–%(month)s %(year)s. Rapporten "
        "visar budgeten; utfall, avvikelser och prognos redovisas när bokföringen för perioden "
        "har lästs in."
    ) % {
        "file": economy.batch.file_name,
        "month": month_name(scope.closed_month),
        "year": scope.year,
    }


def _budget_table(economy: Economy) -> Table:
    """Each unit's budget (revenue, costs, result) and the federation's, when no actuals exist."""
    year = economy.scope.year
    table = Table(
        f"budget-per-enhet-{year}",
        _("Budget per enhet %(year)s") % {"year": year},
        [
            Column("enhet", _("Enhet")),
            Column("intakter", _("Intäkter"), Kind.MONEY),
            Column("kostnader", _("Kostnader"), Kind.MONEY),
            Column("resultat", _("Resultat"), Kind.MONEY),
        ],
        source=_("Budgeten %(year)s, beräknad från budgetraderna.") % {"year": year},
    )
    for unit_budget in economy.budget.units:
        table.add(unit_budget.name, unit_budget.revenue, unit_budget.costs, unit_budget.result)
    total = economy.budget.consolidated
    table.add(_("Förbundet totalt"), total.revenue, total.costs, total.result, emphasis=True)
    return table


def _manual_forecast_items(economy: Economy) -> list[str]:
    return [
        _("%(unit)s, %(kind)s: %(amount)s%(note)s")
        % {
            "unit": f.unit.name,
            "kind": _kind_label(f.line_kind).lower(),
            "amount": document_kr(f.amount),
            "note": f" ({f.note})" if f.note else "",
        }
        for f in economy.manual_forecasts
    ]


def variance_sentence(row: Row) -> str:
    """ "324 048 kr bättre än budget": the forecast's variance in words a board reads at once.
    No percentage: a result budgeted near zero makes one meaningless."""
    variance = row.forecast_variance
    if not variance:
        return _("som budget")
    template = _("%(amount)s bättre än budget") if variance > 0 else _("%(amount)s sämre än budget")
    return template % {"amount": document_kr(abs(variance))}


def federation_facts(economy: Economy) -> Facts:
    total = economy.total
    month = month_and_year(economy.month, economy.scope.year)
    return Facts(
        (
            (_("Resultat, budget helår"), document_kr(total.year_budget)),
            (
                _("Resultat, budget till och med %(month)s") % {"month": month},
                document_kr(total.ytd_budget),
            ),
            (
                _("Resultat, utfall till och med %(month)s") % {"month": month},
                document_kr(total.ytd_actual),
            ),
            (_("Avvikelse hittills i år"), document_kr(total.ytd_variance)),
            (_("Resultat, prognos helår"), document_kr(total.forecast)),
            (_("Prognos mot budget"), variance_sentence(total)),
        )
    )


def blocks(economy: Economy) -> list:
    out: list = [Heading(_("Ekonomi"))]
    if not economy.has_actuals:
        out.append(Callout(no_actuals_text(economy), "warning", _("Inget utfall att redovisa")))
        out.append(TableBlock(_budget_table(economy)))
        if economy.manual_forecasts:
            out.append(Heading(_("Manuella prognoser"), 2))
            out.append(BulletList(tuple(_manual_forecast_items(economy))))
        return out
    out.append(Paragraph(basis_text(economy), "lead"))
    if economy.lags:
        out.append(Callout(lag_text(economy), "warning", _("Utfallet är inte komplett")))
    out.append(federation_facts(economy))
    out.append(Heading(_("Resultat per enhet"), 2))
    out.append(
        TableBlock(
            ledger_tables.period_table(
                economy.scope.period, economy.month, economy.summaries, percent=False
            )
        )
    )
    out.extend(_mapping_notes(economy))
    out.append(Heading(_("Förbundet per slag"), 2))
    out.append(
        TableBlock(
            ledger_tables.federation_table(
                economy.scope.period, economy.month, economy.follows, economy.summaries
            )
        )
    )
    out.append(Heading(_("Kommentarer till avvikelserna"), 2))
    comments = economy.comments
    if comments:
        out.append(
            BulletList(
                tuple(
                    _("%(unit)s, %(kind)s: %(text)s")
                    % {"unit": c.unit.name, "kind": c.kind_label.lower(), "text": c.text.strip()}
                    for c in comments
                )
            )
        )
    else:
        out.append(
            Paragraph(
                _("Inga kommentarer är lämnade till avvikelserna för %(month)s.")
                % {"month": month_and_year(economy.month, economy.scope.year)}
            )
        )
    out.append(Heading(_("Manuella prognoser"), 2))
    if economy.manual_forecasts:
        out.append(
            Paragraph(_("Dessa prognoser är satta för hand och ersätter den beräknade prognosen:"))
        )
        out.append(BulletList(tuple(_manual_forecast_items(economy))))
    else:
        out.append(
            Paragraph(
                _(
                    "Ingen prognos är satt för hand: prognosen är utfallet hittills plus budgeten "
                    "för resten av året."
                )
            )
        )
    out.append(Heading(_("Enheterna"), 2))
    for follow in economy.follows:
        out.append(Heading(follow.unit.name, 3))
        out.append(TableBlock(ledger_tables.unit_summary_table(follow), caption_visible=False))
    return out


def _mapping_notes(economy: Economy) -> list:
    """Say what the figures lack: units with nothing booked, actuals without a unit."""
    out = []
    missing = economy.units_without_actuals
    if missing:
        out.append(
            Callout(
                _(
                    "Inget utfall är bokfört på %(units)s. Deras kostnadsställen är troligen inte "
                    "kopplade till enheten; utfallet är då noll och prognosen bara budgeten för "
                    "resten av året, så deras avvikelser säger inget än."
                )
                % {"units": ", ".join(u.name for u in missing)},
                "warning",
                _("Enheter utan utfall"),
            )
        )
    without_unit = economy.without_unit
    if without_unit is not None and without_unit.ytd_actual:
        out.append(
            Callout(
                _(
                    "%(amount)s av utfallet hittills är bokfört utan kostnadsställe eller på ett "
                    "kostnadsställe som inte är kopplat till någon enhet. Det ingår i förbundets "
                    "totala utfall men inte i någon enhets."
                )
                % {"amount": document_kr(without_unit.ytd_actual)},
                "info",
                _("Utfall utan enhet"),
            )
        )
    return out


# --- Financial targets ----------------------------------------------------------------------


@dataclass
class TargetRow:
    label: str
    threshold: str
    value: str
    basis: str
    met: bool | None
    explanation: str


def _quantity(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    return format_percent(value, 2) if unit == "%" else document_kr(value)


def targets(economy: Economy) -> list[TargetRow]:
    """The three targets; the result on the forecast where actuals exist, else on the budget.
    The balance sheet has no forecast, so its two targets are on the budget's."""
    rows = []
    for result in budget_targets.evaluate(economy.scope.period, economy.budget):
        value, met, basis, explanation = result.value, result.met, _("budgeten"), result.explanation
        if result.code == "result" and economy.has_actuals:
            value = economy.forecast_result
            basis = _("prognosen")
            if result.threshold is not None:
                met = result.meets(value)
                explanation = _(
                    "Prognosen för förbundets resultat är %(forecast)s; målet är %(comparison)s "
                    "%(threshold)s. Budgeterat resultat: %(budget)s."
                ) % {
                    "forecast": document_kr(value),
                    "comparison": result.comparison_text,
                    "threshold": document_kr(result.threshold),
                    "budget": document_kr(economy.budget_result),
                }
        elif result.unit == "%":
            basis = _("budgetens balansräkning")
        rows.append(
            TargetRow(
                result.label,
                _quantity(result.threshold, result.unit),
                _quantity(value, result.unit),
                basis,
                met,
                explanation,
            )
        )
    return rows


def met_label(met: bool | None) -> str:
    return {True: _("Ja"), False: _("Nej"), None: _("Kan inte bedömas")}[met]


def target_blocks(economy: Economy, rows: list[TargetRow]) -> list:
    year = economy.scope.year
    out: list = [Heading(_("Finansiella mål"))]
    if not rows:
        out.append(Paragraph(budget_targets.missing_text(economy.scope.period)))
        return out
    if economy.has_actuals:
        intro = _(
            "Resultatmålet bedöms på prognosen för helåret (utfallet till och med %(month)s och "
            "budgeten för resten av året). Soliditet och kassalikviditet bedöms på budgetens "
            "balansräkning, eftersom det inte finns någon prognos för balansräkningen."
        ) % {"month": month_and_year(economy.month, year)}
    else:
        intro = _(
            "Utan utfall finns ingen prognos, så alla tre målen bedöms på budgeten för %(year)s."
        ) % {"year": year}
    out.append(Paragraph(intro))
    table = Table(
        f"finansiella-mal-uppfoljning-{economy.scope.on.isoformat()}",
        _("Finansiella mål %(year)s") % {"year": year},
        [
            Column("mal", _("Mål")),
            Column("malvarde", _("Målvärde")),
            Column("varde", _("Värde")),
            Column("bedomt_pa", _("Bedömt på")),
            Column("uppfyllt", _("Uppfyllt")),
        ],
    )
    for row in rows:
        table.add(row.label, row.threshold, row.value, row.basis, met_label(row.met))
        table.notes.append(f"{row.label}: {row.explanation}")
    out.append(TableBlock(table))
    return out
