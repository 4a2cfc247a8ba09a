"""How the value of an indicator for the area as a whole is formed from its members' values.

- sum: counts (inhabitants, dwellings, MWh) – only when every member has a value, since a
  partial sum would look like a fall;
- weighted_mean: indices and shares, weighted by each member's population at the end of the
  year (the latest figure on or before it), over the members that have a value and a population;
- source: the source's own value for the area (stored as it comes, not computed here);
- respondents: the survey's share of all respondents, pooled from the answers by goals.survey
  (the default for survey indicators: the respondents are officials, not a sample of
  inhabitants, so weighting their municipalities' shares by population would misstate it).
"""

from dataclasses import dataclass
from decimal import Decimal

from samverka.goals.models import Indicator
from samverka.orgs.models import Member

FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class RegionalValue:
    value: Decimal | None
    description: str


def regional_value(
    rule: str,
    values: dict[Member, Decimal],
    members: list[Member],
    year: int,
) -> RegionalValue:
    if rule == Indicator.Aggregation.SUM:
        missing = [m.name for m in members if m not in values]
        if missing:
            return RegionalValue(
                None, f"Summa saknas: värde saknas för {', '.join(sorted(missing))}."
            )
        return RegionalValue(
            sum(values.values(), Decimal(0)), f"Summa av {len(members)} kommuners värden"
        )
    if rule == Indicator.Aggregation.WEIGHTED_MEAN:
        weighted = Decimal(0)
        total = 0
        used = 0
        for member, value in values.items():
            population = member.population_on(year)
            if population is None:
                continue
            weighted += value * population.inhabitants
            total += population.inhabitants
            used += 1
        if not total:
            return RegionalValue(None, "Folkmängd saknas för kommunerna med värden.")
        mean = (weighted / total).quantize(FOUR_PLACES)
        return RegionalValue(
            mean, f"Medelvärde vägt med folkmängd, {used} av {len(members)} kommuner"
        )
    if rule == Indicator.Aggregation.RESPONDENTS:
        return RegionalValue(None, "Andelen av alla svarande räknas från enkätsvaren.")
    return RegionalValue(None, "Källans eget värde för förbundets område används.")
