"""The follow-up's tables as `lib.tabular.Table`: what the actuals pages show and download, and
what the follow-up report prints. Built once here, on the figures of `ledger.followup`.

Amounts are in the budget's sign convention (revenue +, costs −) and rounded to öre, so that a
CSV reads "-1085968,94" and an XLSX cell holds the number. Percentages are of the budget's size,
as on the pages.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Sum
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from samverka.budget.models import REVENUE_KINDS, LineKind
from samverka.ledger.followup import (
    PeriodSummary,
    Row,
    UnitFollowUp,
    active_batch,
    period_follow_up,
    unit_follow_ups,
)
from samverka.ledger.models import Actual, ImportBatch
from samverka.lib.money import ORE, round_kronor
from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import PlanningPeriod


def spread_note() -> str:
    return _(
        "Månadsbudgeten är årsbudgeten jämnt fördelad på tolv månader. Prognosen för helåret är "
        "utfallet till och med månaden plus budgeten för resten av året, om inte en manuell "
        "prognos är angiven. Intäkter positiva och kostnader negativa, som i budgeten; en "
        "positiv avvikelse förbättrar resultatet."
    )


def _kr(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_kronor(value, ORE)


def month_name(month: int) -> str:
    return str(MONTHS[month])


def source_of(batch: ImportBatch | None) -> str:
    if batch is None:
        return _("Inget utfall inläst; bara budgeten.")
    return _("Utfall: %(file)s, inläst %(date)s.") % {
        "file": batch.file_name,
        "date": batch.imported_at.date().isoformat() if batch.imported_at else "–",
    }


def federation_total(summaries: Sequence[PeriodSummary]) -> Row:
    """The federation: every unit's result and the actuals without a unit, summed."""
    total = Row(_("Förbundet totalt"), None, is_total=True)
    for summary in summaries:
        total.add(summary.result)
    return total


# --- The period page: the result of every unit -----------------------------------------------


def _ytd_columns(first: Column, *, percent: bool = True) -> list[Column]:
    columns = [
        first,
        Column("budget_helar", _("Budget helår"), Kind.MONEY),
        Column("budget_ack", _("Budget ack."), Kind.MONEY),
        Column("utfall_ack", _("Utfall ack."), Kind.MONEY),
        Column("avvikelse_ack", _("Avvikelse ack."), Kind.MONEY),
        Column("avvikelse_ack_procent", _("Avvikelse %"), Kind.PERCENT, 1),
        Column("prognos_helar", _("Prognos helår"), Kind.MONEY),
        Column("prognos_mot_budget", _("Prognos mot budget"), Kind.MONEY),
    ]
    return columns if percent else [c for c in columns if c.kind != Kind.PERCENT]


def _ytd_values(row: Row, *, percent: bool = True) -> tuple:
    """The year-to-date and year figures of a row. `percent=False` leaves the percentage out
    (the column is not there)."""
    values = (
        _kr(row.year_budget),
        _kr(row.ytd_budget),
        _kr(row.ytd_actual),
        _kr(row.ytd_variance),
        row.ytd_variance_percent,
        _kr(row.forecast),
        _kr(row.forecast_variance),
    )
    return values if percent else values[:4] + values[5:]


def period_table(
    period: PlanningPeriod,
    month: int,
    summaries: Sequence[PeriodSummary] | None = None,
    *,
    percent: bool = True,
) -> Table:
    """Result per unit, accumulated through `month`, with the federation's total: the period
    page's table. `percent=False` (documents) leaves out the variance in per cent of a result
    that is budgeted near zero."""
    if summaries is None:
        summaries = period_follow_up(period, month)
    table = Table(
        f"utfall-{period.year}-{month:02d}",
        _("Resultat per enhet %(year)s, ackumulerat till och med %(month)s")
        % {"year": period.year, "month": month_name(month)},
        _ytd_columns(Column("enhet", _("Enhet")), percent=percent),
        source=source_of(active_batch(period)),
        notes=[spread_note()],
    )
    for summary in summaries:
        label = summary.unit.name if summary.unit else summary.result.label
        table.add(label, *_ytd_values(summary.result, percent=percent))
    total = federation_total(summaries)
    table.add(_("Förbundet totalt"), *_ytd_values(total, percent=percent), emphasis=True)
    return table


# --- The unit page: every line kind, for the month, the year to date and the year -----------


def unit_table(follow: UnitFollowUp) -> Table:
    """The unit page's table: month, year to date and year per line kind, with the comments."""
    month = month_name(follow.month)
    table = Table(
        f"utfall-{follow.period.year}-{follow.unit.code}-{follow.month:02d}",
        _("%(unit)s: budget, utfall och prognos %(year)s, %(month)s")
        % {"unit": follow.unit.name, "year": follow.period.year, "month": month},
        [
            Column("slag", _("Slag")),
            Column("budget_manad", _("Budget %(month)s") % {"month": month}, Kind.MONEY),
            Column("utfall_manad", _("Utfall %(month)s") % {"month": month}, Kind.MONEY),
            Column("avvikelse_manad", _("Avvikelse %(month)s") % {"month": month}, Kind.MONEY),
            Column(
                "avvikelse_manad_procent",
                _("Avvikelse %(month)s %%") % {"month": month},
                Kind.PERCENT,
                1,
            ),
            Column("budget_ack", _("Budget ack."), Kind.MONEY),
            Column("utfall_ack", _("Utfall ack."), Kind.MONEY),
            Column("avvikelse_ack", _("Avvikelse ack."), Kind.MONEY),
            Column("avvikelse_ack_procent", _("Avvikelse ack. %"), Kind.PERCENT, 1),
            Column("budget_helar", _("Budget helår"), Kind.MONEY),
            Column("prognos_helar", _("Prognos helår"), Kind.MONEY),
            Column("prognos_mot_budget", _("Prognos mot budget"), Kind.MONEY),
            Column("prognos_slag", _("Prognosens grund")),
            Column("kommentar", _("Kommentar")),
        ],
        source=source_of(active_batch(follow.period)),
        notes=[spread_note()],
    )
    rows = [*follow.rows, *([follow.unmapped] if follow.unmapped else [])]
    for row in [*rows, follow.revenue, follow.costs, follow.result]:
        if row is None:
            continue
        table.add(
            row.label,
            _kr(row.month_budget),
            _kr(row.month_actual),
            _kr(row.month_variance),
            row.month_variance_percent,
            _kr(row.ytd_budget),
            _kr(row.ytd_actual),
            _kr(row.ytd_variance),
            row.ytd_variance_percent,
            _kr(row.year_budget),
            _kr(row.forecast),
            _kr(row.forecast_variance),
            _("manuell") if row.manual_forecast and not row.is_total else "",
            row.comment.text if row.comment else "",
            emphasis=row.is_total,
            level=0 if row.is_total else 1,
        )
    return table


def _summed(label: str, rows: Sequence[Row], *, is_total: bool = False) -> Row:
    total = Row(label, None, is_total=is_total)
    for row in rows:
        total.add(row)
    return total


def unit_summary_rows(follow: UnitFollowUp) -> list[Row]:
    """A unit as the plan prints its table: revenue on one row, each cost, the sums.

    The budget of 2026 prints a unit's revenue as one figure while the ledger books it on
    several accounts, so revenue is compared as a whole."""
    costs = [row for row in follow.rows if row.kind not in REVENUE_KINDS]
    rows = [_summed(_("Intäkter"), [r for r in follow.rows if r.kind in REVENUE_KINDS])]
    rows += costs
    rows.append(_summed(_("Summa kostnader"), costs, is_total=True))
    if follow.unmapped:
        rows.append(follow.unmapped)
    rows.append(follow.result)
    return rows


def unit_summary_table(follow: UnitFollowUp) -> Table:
    """A unit for a document: the year to date and the year, revenue on one row, no
    percentages (seven columns fit an A4 page; the amounts are what a board reads)."""
    table = Table(
        f"uppfoljning-{follow.period.year}-{follow.unit.code}",
        _("%(unit)s: budget, utfall och prognos %(year)s, ackumulerat till och med %(month)s")
        % {
            "unit": follow.unit.name,
            "year": follow.period.year,
            "month": month_name(follow.month),
        },
        _ytd_columns(Column("slag", _("Kr")), percent=False),
    )
    for row in unit_summary_rows(follow):
        label = row.label
        if row.manual_forecast and not row.is_total:
            label = _("%(kind)s (manuell prognos)") % {"kind": row.label}
        table.add(
            label,
            *_ytd_values(row, percent=False),
            emphasis=row.is_total,
            level=0 if row.is_total else 1,
        )
    return table


def federation_rows(
    follows: Sequence[UnitFollowUp], summaries: Sequence[PeriodSummary]
) -> list[Row]:
    """The federation by kind, in the shape of the budget's consolidation: revenue, personnel,
    other costs, overhead netted, the actuals without a unit, the result."""
    by_kind: dict[str, list[Row]] = {}
    for follow in follows:
        for row in follow.rows:
            by_kind.setdefault(row.kind, []).append(row)
        if follow.unmapped:
            by_kind.setdefault("", []).append(follow.unmapped)

    def kinds(*wanted) -> list[Row]:
        return [row for kind in wanted for row in by_kind.get(kind, [])]

    revenue = _summed(_("Intäkter"), kinds(*REVENUE_KINDS))
    personnel = _summed(_("Personal"), kinds(LineKind.PERSONNEL))
    other = _summed(_("Övriga kostnader"), kinds(LineKind.OTHER_COSTS))
    overhead = _summed(
        _("OH-kostnader/intäkt (netto)"), kinds(LineKind.OVERHEAD_COSTS, LineKind.OVERHEAD_INCOME)
    )
    costs = _summed(_("Summa kostnader"), [personnel, other, overhead], is_total=True)
    rows = [revenue, personnel, other, overhead, costs]
    unkinded = kinds("")
    if unkinded:
        rows.append(_summed(_("Konton utan budgetslag (ej kopplade)"), unkinded))
    without_unit = [s.result for s in summaries if s.unit is None]
    rows += without_unit
    rows.append(federation_total(summaries))
    return rows


def federation_table(
    period: PlanningPeriod,
    month: int,
    follows: Sequence[UnitFollowUp] | None = None,
    summaries: Sequence[PeriodSummary] | None = None,
) -> Table:
    """The federation by kind, through `month`: what the units' tables sum to."""
    if summaries is None:
        summaries = period_follow_up(period, month)
    if follows is None:
        follows = unit_follow_ups(period, month, summaries)
    table = Table(
        f"uppfoljning-{period.year}-forbundet",
        _("Förbundet: budget, utfall och prognos %(year)s, ackumulerat till och med %(month)s")
        % {"year": period.year, "month": month_name(month)},
        _ytd_columns(Column("slag", _("Kr")), percent=False),
        source=source_of(active_batch(period)),
    )
    for row in federation_rows(follows, summaries):
        table.add(
            row.label,
            *_ytd_values(row, percent=False),
            emphasis=row.is_total,
            level=0 if row.is_total else 1,
        )
    return table


# --- The batch page: what is imported without a unit or a line kind --------------------------


def unmapped_tables(batch: ImportBatch) -> list[Table]:
    """The batch page's two lists: actuals without a unit (by cost centre) and without a line
    kind (by account)."""
    actuals = Actual.objects.filter(batch=batch).order_by()
    by_object = Table(
        f"utan-enhet-{batch.code}",
        _("Utfall utan enhet"),
        [
            Column("dimension", _("Dimension")),
            Column("objekt", _("Objekt")),
            Column("belopp", _("Belopp"), Kind.MONEY),
        ],
        source=batch.file_name,
    )
    rows = (
        actuals.filter(unit__isnull=True)
        .values_list("dimension", "object_code")
        .annotate(total=Sum("amount"))
        .order_by("dimension", "object_code")
    )
    for dimension, code, total in rows:
        by_object.add(dimension or "", code or _("(inget kostnadsställe)"), _kr(total))
    by_account = Table(
        f"utan-budgetslag-{batch.code}",
        _("Konton utan budgetslag"),
        [Column("konto", _("Konto")), Column("belopp", _("Belopp"), Kind.MONEY)],
        source=batch.file_name,
    )
    rows = (
        actuals.filter(line_kind__isnull=True)
        .values_list("account")
        .annotate(total=Sum("amount"))
        .order_by("account")
    )
    for account, total in rows:
        by_account.add(account, _kr(total))
    return [by_object, by_account]
