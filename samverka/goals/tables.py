"""The goals' data sets as `lib.tabular.Table`: what the goal and indicator pages show, the
documents print and the exports and open data serve. Built once here, below the views, from
`overview.py` (latest value, target and status of an indicator, the same the pages use).

- `indicators_table(goals)`: every indicator under its goal, with the unit, the latest value
  for the whole area and its year, the target for that year and the status with its reason.
- `indicator_table(view)`: one indicator as its page shows it: area by year, and the targets.
- `financial_targets_table(targets, year)`: the financial targets as the plan states them.
- `values_table(indicators)`: every measured value, one row per indicator, area and year, with
  where it comes from (the long form that open data and pivot tables want).

Values are the stored Decimals without trailing zeros; the pages' lists round the latest value
to the indicator's decimals as they show it. Years are plain integers (never "2 024").
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.goals.models import FinancialTarget, Goal, Indicator, Measurement
from samverka.goals.overview import IndicatorOverview, overview
from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import Member


def plain(value: Decimal | None) -> Decimal | None:
    """A stored value (four decimal places) as written: 267100.0000 → 267100, 42.6500 → 42.65."""
    if value is None:
        return None
    if value == value.to_integral():
        return value.quantize(Decimal(1))
    return value.normalize()


def shown(value: Decimal | None, indicator: Indicator) -> Decimal | None:
    """A value rounded to the decimals the indicator is shown with."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-indicator.decimals))


def _source() -> str:
    return _("Mål och indikatorer; värden från Kolada, SCB, medlemsenkäten eller inmatade")


def indicators_table(goals: Iterable[Goal] | None = None) -> Table:
    """Goals with their indicators: latest value for the whole area, target and status."""
    goals = list(Goal.objects.all() if goals is None else goals)
    members = list(Member.objects.all())
    table = Table(
        "mal-och-indikatorer",
        _("Mål och indikatorer"),
        [
            Column("mal", _("Mål")),
            Column("indikator_kod", _("Indikatorns kod")),
            Column("indikator", _("Indikator")),
            Column("enhet", _("Enhet")),
            Column("senaste_utfall", _("Senaste utfall"), Kind.DECIMAL, None),
            Column("ar", _("År")),
            Column("malvarde", _("Målvärde"), Kind.DECIMAL, None),
            Column("status", _("Status")),
            Column("bedomning", _("Bedömning")),
            Column("berakning", _("Så räknas värdet")),
        ],
        source=_source(),
    )
    for goal in goals:
        for indicator in goal.indicators.all():
            view = overview(indicator, members, with_chart=False)
            latest = view.latest
            table.add(
                str(goal),
                indicator.code,
                indicator.name,
                indicator.unit,
                shown(latest.value, indicator) if latest else None,
                latest.year if latest else None,
                shown(view.latest_target, indicator),
                view.assessment.status.label,
                view.assessment.explanation,
                indicator.get_aggregation_display(),
            )
    return table


def indicator_table(view: IndicatorOverview, *, with_rows: bool = True) -> Table:
    """One indicator as its page shows it: each area's value per year, and the target row.
    `with_rows=False`: only its key and title, for the page's download links."""
    indicator = view.indicator
    table = Table(
        f"{indicator.code}-per-ar",
        _("%(name)s (%(unit)s) per år och område")
        % {"name": indicator.name, "unit": indicator.unit},
        [
            Column("omrade", _("Område")),
            *(
                Column(f"ar_{year}", str(year), Kind.DECIMAL, indicator.decimals)
                for year in view.years
            ),
        ],
        source="; ".join(view.sources),
    )
    if not with_rows:
        return table
    for row in view.rows:
        table.add(row.area, *(plain(v) for v in row.values), emphasis=row.is_region)
    if view.targets:
        table.add(_("Målvärde"), *(plain(v) for v in view.target_row))
    return table


def _area_code(measurement: Measurement) -> str:
    if measurement.member_id:
        return measurement.member.municipality_code
    return measurement.indicator.goal.federation.code


def values_table(
    indicators: Iterable[Indicator] | None = None,
    key: str = "",
    *,
    with_rows: bool = True,
    members: Iterable[Member] | None = None,
) -> Table:
    """Every measured value: indicator × area (a member or the whole area) × year, with source.
    `members`: only theirs and the whole area's (a page's member search).

    `with_rows=False` gives the table without reading the values: enough for a page's download
    links, which need only its key and title (an indicator has thousands of values)."""
    measurements = Measurement.objects.select_related("indicator__goal__federation", "member")
    if indicators is not None:
        measurements = measurements.filter(indicator__in=list(indicators))
    if members is not None:
        measurements = measurements.filter(
            Q(member__isnull=True) | Q(member__in=[m.pk for m in members])
        )
    table = Table(
        key or "indikatorvarden",
        _("Indikatorernas värden per område och år"),
        [
            Column("indikator_kod", _("Indikatorns kod")),
            Column("indikator", _("Indikator")),
            Column("omrade_kod", _("Områdets kod")),
            Column("omrade", _("Område")),
            Column("ar", _("År")),
            Column("varde", _("Värde"), Kind.DECIMAL, None),
            Column("enhet", _("Enhet")),
            Column("ursprung", _("Ursprung")),
            Column("kalla", _("Källa")),
        ],
        source=_source(),
        notes=[_("Områdets kod: kommunkoden, eller förbundets kod för hela området.")],
    )
    if not with_rows:
        return table
    order = {i: n for n, i in enumerate(Indicator.objects.values_list("pk", flat=True))}
    origins = {value: str(label) for value, label in Measurement.Origin.choices}
    rows = sorted(
        measurements,
        key=lambda m: (
            order.get(m.indicator_id, 0),
            m.year,
            m.member_id is not None,
            m.member.name if m.member_id else "",
        ),
    )
    for m in rows:
        table.add(
            m.indicator.code,
            m.indicator.name,
            _area_code(m),
            m.area_name,
            m.year,
            plain(m.value),
            m.indicator.unit,
            origins.get(m.origin, m.origin),
            m.source,
        )
    return table


def financial_targets_table(targets: Iterable[FinancialTarget], year: int) -> Table:
    """The financial targets as the plan states them (the goals page): the budget's targets
    page adds whether each is met (`budget.tables.targets_table`)."""
    table = Table(
        f"finansiella-mal-enligt-planen-{year}",
        _("Finansiella mål och målvärden %(year)s enligt budget och verksamhetsplan")
        % {"year": year},
        [
            Column("nummer", _("Nummer")),
            Column("mal", _("Mål")),
            Column("beskrivning", _("Beskrivning")),
            Column("jamforelse", _("Jämförelse")),
            Column("malvarde", _("Målvärde"), Kind.DECIMAL, None),
            Column("enhet", _("Enhet")),
        ],
        sheet=_("Finansiella mål %(year)s") % {"year": year},
    )
    for target in targets:
        table.add(
            target.number,
            target.name,
            target.text,
            target.get_comparison_display(),
            plain(target.target_value),
            target.unit,
        )
    return table
