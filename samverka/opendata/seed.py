"""After the seed: publish each period the seed loads as adopted (the Skaraborg 2025).

A period loaded as adopted was never adopted through `orgs.periods.adopt`, so no publication
was written for it; this writes the missing one. A period that has a publication is left as it
is, so a second load publishes nothing.
"""

from samverka.opendata.publishing import publish_if_missing
from samverka.orgs.models import PlanningPeriod


def load(ctx) -> None:
    for period in PlanningPeriod.objects.filter(status__in=PlanningPeriod.LOCKED):
        if publish_if_missing(period) is not None:
            ctx.created["opendata.Publication"] += 1
