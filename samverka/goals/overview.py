"""What the goal pages show of an indicator: its table, chart, latest value and status.

A federation may have 150 members: the chart draws the whole area, the members' spread as a
band (lowest to highest each year) and at most `MAX_DRAWN` chosen members as labelled lines;
the table has a row per member, which the indicator page shows page by page.
"""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samverka.goals.charts import Band, Series, line_chart
from samverka.goals.models import Indicator, Measurement, TargetValue
from samverka.goals.status import Assessment, Status, assess
from samverka.lib.money import format_number
from samverka.orgs.models import Member

# Members drawn as their own labelled lines; more would not be readable.
MAX_DRAWN = 5


class Point(NamedTuple):
    """One stored value as the pages read it (a tuple: a page reads thousands)."""

    member_id: int | None
    year: int
    value: Decimal
    source: str


POINT_FIELDS = ("member_id", "year", "value", "source")


@dataclass(frozen=True)
class Latest:
    year: int
    value: Decimal


@dataclass
class Row:
    area: str
    values: list[Decimal | None]
    is_region: bool = False
    code: str = ""  # a member's municipality code


@dataclass
class IndicatorOverview:
    indicator: Indicator
    years: list[int]
    rows: list[Row]  # the whole area first, then each member asked for
    targets: dict[int, Decimal]
    latest: Latest | None
    assessment: Assessment
    chart: SafeString
    sources: list[str] = field(default_factory=list)
    spread: list[Row] = field(default_factory=list)  # lowest, median, highest of all members
    members_with_values: int = 0

    @property
    def region_row(self) -> Row:
        return self.rows[0]

    @property
    def member_rows(self) -> list[Row]:
        return self.rows[1:]

    @property
    def target_row(self) -> list[Decimal | None]:
        return [self.targets.get(year) for year in self.years]

    @property
    def latest_target(self) -> Decimal | None:
        return self.targets.get(self.latest.year) if self.latest else None


def _spread(by_member: dict[int, dict[int, Decimal]], years: list[int]) -> list[Row]:
    """The members' lowest, median and highest value each year (empty for one member)."""
    if len(by_member) < 2:
        return []
    low, middle, high = [], [], []
    for year in years:
        values = sorted(p[year] for p in by_member.values() if year in p)
        low.append(values[0] if values else None)
        middle.append(statistics.median(values) if values else None)
        high.append(values[-1] if values else None)
    return [
        Row(_("Lägsta bland medlemmarna"), low),
        Row(_("Median bland medlemmarna"), middle),
        Row(_("Högsta bland medlemmarna"), high),
    ]


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
    measurements: list[Point] | None = None,
    targets: dict[int, Decimal] | None = None,
    drawn: list[Member] = (),
) -> IndicatorOverview:
    """The indicator's table, assessment and chart: a row for each of `members`, the spread of
    all members, and `drawn` (at most `MAX_DRAWN`) as lines of their own. A page that shows
    many indicators passes `measurements` and `targets` it read for all of them at once
    (`region_overviews`)."""
    if measurements is None:
        measurements = [
            Point(*values) for values in indicator.measurements.values_list(*POINT_FIELDS)
        ]
    if targets is None:
        targets = dict(TargetValue.objects.filter(indicator=indicator).values_list("year", "value"))
    years = sorted({m.year for m in measurements} | set(targets))
    # The area as a whole is named by its federation (its short name), keyed by None here.
    region_name = indicator.goal.federation.region_name
    by_area: dict[int | None, dict[int, Decimal]] = {}
    for m in measurements:
        by_area.setdefault(m.member_id, {})[m.year] = m.value
    region = by_area.pop(None, {})
    latest = Latest(max(region), region[max(region)]) if region else None
    rows = [Row(region_name, [region.get(y) for y in years], is_region=True)]
    for member in members:
        points = by_area.get(member.pk, {})
        rows.append(Row(member.name, [points.get(y) for y in years], code=member.municipality_code))
    spread = _spread(by_area, years)
    result, _year = assessment_for(indicator, region, targets)
    chart = SafeString("")
    if with_chart:
        chart = _chart(indicator, region_name, region, by_area, spread, years, targets, drawn)
    sources = sorted({m.source for m in measurements})
    return IndicatorOverview(
        indicator, years, rows, targets, latest, result, chart, sources, spread, len(by_area)
    )


def _chart(indicator, region_name, region, by_member, spread, years, targets, drawn):
    series = [Series(region_name, region, "region")] if region else []
    band = None
    # A sum's parts are a different order of magnitude than the total (57 500 beside 268 800):
    # drawn on one axis they would flatten the line that matters, so only the table shows them.
    if indicator.aggregation != Indicator.Aggregation.SUM:
        if spread:
            low, high = spread[0].values, spread[-1].values
            band = Band(
                _("Lägsta–högsta bland medlemmarna"),
                {y: v for y, v in zip(years, low, strict=True) if v is not None},
                {y: v for y, v in zip(years, high, strict=True) if v is not None},
                len(by_member),
            )
        for member in list(drawn)[:MAX_DRAWN]:
            if by_member.get(member.pk):
                series.append(Series(member.name, by_member[member.pk], "chosen"))
    if targets:
        series.append(Series(_("Målvärde"), targets, "target"))
    return line_chart(
        f"chart-{indicator.code}", indicator.name, series, indicator.unit, indicator.decimals, band
    )


def region_overviews(indicators: list[Indicator]) -> dict[int, IndicatorOverview]:
    """Latest value and assessment of each indicator for the area as a whole, in two queries
    whatever the number of indicators and members (the goals index shows no member rows)."""
    region: dict[int, list[Point]] = {}
    for indicator_id, *values in (
        Measurement.objects.filter(indicator__in=indicators, member__isnull=True)
        .order_by()
        .values_list("indicator_id", *POINT_FIELDS)
    ):
        region.setdefault(indicator_id, []).append(Point(*values))
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
