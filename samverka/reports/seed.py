"""Seed the chapter texts of the 2026 plan from samverka/seed/skaraborg/plan_texts.yaml."""

from samverka.core.seeding import SeedContext
from samverka.orgs.federation import current
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.reports.models import PlanText


def load(ctx: SeedContext) -> None:
    data = ctx.read("plan_texts.yaml")
    period = PlanningPeriod.objects.get(federation=current(), year=data["year"])
    for section, item in data["texts"].items():
        ctx.ensure(
            PlanText,
            {"period": period, "section": section, "unit": None},
            {"text": item["text"].strip(), "source": item["source"]},
        )
    for code, item in data["units"].items():
        unit = Unit.objects.get(code=code)
        ctx.ensure(
            PlanText,
            {"period": period, "section": PlanText.Section.UNIT, "unit": unit},
            {"text": item["text"].strip(), "source": item["source"]},
        )
