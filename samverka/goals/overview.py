"""What the goal pages show of an indicator: its table, chart, latest value and status."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samverka.goals.charts import Series, line_chart
from samverka.goals.models import Indicator, Measurement, TargetValue
from samverka.goals.status import Assessment, Status, assess
from samverka.lib.money import format_number
from samverka.orgs.models import Member


@dataclass
class Row:
    area: str
    values: list[Decimal | None]
    is_region: bool = False


@dataclass
class IndicatorOverview:
    indicator: Indicator
    years: list[int]
    rows: list[Row]
    targets: dict[int, Decimal]
    latest: Measurement | None
    assessment: Assessment
    chart: SafeString
    sources: list[str] = field(default_factory=list)

    @property
    def target_row(self) -> list[Decimal | None]:
        return [self.targets.get(year) for year in self.years]

    @property
    def latest_target(self) -> Decimal | None:
        return self.targets.get(self.latest.year) if self.latest else None


def assessment_for(
    indicator: Indicator, region: dict[int, Decimal], targets: dict[int, Decimal]
) -> tuple[Assessment, int | None]:
    """The status of the latest value for the whole area against its year's target, else the
    baseline."""
    if not region:
        return assess(
            None, None, increase=True, tolerance_percent=Decimal(0), reference_label=""
        ), None
    year = max(region)
    increase = indicator.direction == Indicator.Direction.INCREASE
    fmt = lambda v: format_number(v, indicator.decimals)  # noqa: E731
    if year in targets:
        reference = targets[year]
        label = _("målvärdet för %(year)s (%(value)s)") % {"year": year, "value": fmt(reference)}
    elif indicator.baseline_year and year <= indicator.baseline_year:
        return (
            Assessment(
                Status.UNKNOWN,
                _(
                    "Det finns inget målvärde för %(year)s och inget utfall efter basåret "
                    "%(baseline)s att jämföra med."
                )
                % {"year": year, "baseline": indicator.baseline_year},
                region[year],
            ),
            year,
        )
    elif indicator.baseline_year and indicator.baseline_year in region:
        base = indicator.baseline_year
        reference = region[base]
        label = _("värdet för basåret %(year)s (%(value)s)") % {
            "year": base,
            "value": fmt(reference),
        }
    else:
        reference, label = None, _("basår eller målvärde saknas")
    result = assess(
        region[year],
        reference,
        increase=increase,
        tolerance_percent=indicator.tolerance_percent,
        reference_label=label,
    )
    return result, year


def overview(
    indicator: Indicator,
    members: list[Member],
    with_chart: bool = True,
    *,
    measurements: list[Measurement] | None = None,
    targets: dict[int, Decimal] | None = None,
) -> IndicatorOverview:
    """The indicator's table, assessment and chart. A page that shows many indicators passes
    `measurements` and `targets` it read for all of them at once (`region_overviews`)."""
    if measurements is None:
        measurements = list(indicator.measurements.all())
    if targets is None:
        targets = dict(TargetValue.objects.filter(indicator=indicator).values_list("year", "value"))
    years = sorted({m.year for m in measurements} | set(targets))
    # The area as a whole is named by its federation (its short name), keyed by None here.
    region_name = indicator.goal.federation.region_name
    by_area: dict[int | None, dict[int, Decimal]] = {}
    latest = None
    for m in measurements:
        by_area.setdefault(m.member_id, {})[m.year] = m.value
        if m.member_id is None and (latest is None or m.year > latest.year):
            latest = m
    region = by_area.get(None, {})
    rows = [Row(region_name, [region.get(y) for y in years], is_region=True)]
    series = [Series(region_name, region, "region")] if region else []
    # A sum's parts are a different order of magnitude than the total (57 500 beside 268 800):
    # drawn on one axis they would flatten the line that matters, so only the table shows them.
    draw_members = indicator.aggregation != Indicator.Aggregation.SUM
    for member in members:
        points = by_area.get(member.pk, {})
        rows.append(Row(member.name, [points.get(y) for y in years]))
        if points and draw_members:
            series.append(Series(member.name, points, "member"))
    if targets:
        series.append(Series(_("Målvärde"), targets, "target"))
    result, _year = assessment_for(indicator, region, targets)
    chart = (
        line_chart(
            f"chart-{indicator.code}", indicator.name, series, indicator.unit, indicator.decimals
        )
        if with_chart
        else SafeString("")
    )
    sources = sorted({m.source for m in measurements})
    return IndicatorOverview(indicator, years, rows, targets, latest, result, chart, sources)


def region_overviews(indicators: list[Indicator]) -> dict[int, IndicatorOverview]:
    """Latest value and assessment of each indicator for the area as a whole, in two queries
    whatever the number of indicators and members (the goals index shows no member rows)."""
    region: dict[int, list[Measurement]] = {}
    for m in Measurement.objects.filter(indicator__in=indicators, member__isnull=True).order_by():
        region.setdefault(m.indicator_id, []).append(m)
    targets: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in TargetValue.objects.filter(
        indicator__in=indicators
    ).values_list("indicator_id", "year", "value"):
        targets.setdefault(indicator_id, {})[year] = value
    return {
        i.pk: overview(
            i,
            [],
            with_chart=False,
            measurements=region.get(i.pk, []),
            targets=targets.get(i.pk, {}),
        )
        for i in indicators
    }
