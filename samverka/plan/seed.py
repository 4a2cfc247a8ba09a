"""Seed the 2026 priority areas and their activities, and the programme Omställning Skaraborg."""

from samverka.core.seeding import SeedContext
from samverka.decisions.models import Decision, ReportingObligation
from samverka.lib.money import parse_amount
from samverka.orgs.federation import current
from samverka.orgs.models import Federation, GoverningBody, PlanningPeriod, Position, Unit
from samverka.plan.models import (
    Activity,
    ActivityPlan,
    CoFinancing,
    FocusArea,
    PriorityArea,
    Programme,
    ProgrammeBudget,
    ProgrammeGrant,
    ProgrammeRole,
)


def load(ctx: SeedContext) -> None:
    federation = current()
    load_priority_areas(ctx, federation)
    load_programme(ctx, federation)


def load_priority_areas(ctx: SeedContext, federation: Federation) -> None:
    data = ctx.read("plan.yaml")
    period = PlanningPeriod.objects.get(federation=federation, year=data["year"])
    for order, item in enumerate(data["priority_areas"], start=1):
        area = ctx.ensure(
            PriorityArea,
            {"period": period, "code": item["code"]},
            {
                "title": item["title"],
                "why": item["why"].strip(),
                "implementation_plan": item["implementation_plan"].strip(),
                "sort_order": order,
                "source": item["source"],
            },
        )
        if area is None:
            continue  # missing from an adopted period: reported, and its activities with it
        for number, activity in enumerate(item["activities"], start=1):
            unit = activity.get("unit")
            ctx.ensure(
                Activity,
                {"code": f"{period.year}-{item['code']}-{number}"[:80]},
                {
                    "priority_area": area,
                    "title": activity["title"],
                    "description": activity.get("description", activity["title"]),
                    "unit": Unit.objects.get(code=unit) if unit else None,
                    "sort_order": number,
                    "source": f"{item['source']}, Plan för genomförande 2026",
                },
            )


def load_programme(ctx: SeedContext, federation: Federation) -> None:
    data = ctx.read("programme.yaml")
    texts = {name: value.strip() for name, value in data["texts"].items()}
    programme = ctx.ensure(
        Programme,
        {"code": data["code"]},
        {
            "federation": federation,
            "name": data["name"],
            "unit": Unit.objects.get(code=data["unit"]),
            "source": data["source"],
            **texts,
        },
    )
    for order, item in enumerate(data["focus_areas"], start=1):
        ctx.ensure(
            FocusArea,
            {"programme": programme, "code": item["code"]},
            {"name": item["name"], "sort_order": order},
        )
    for order, item in enumerate(data["roles"], start=1):
        ctx.ensure(
            ProgrammeRole,
            {"programme": programme, "code": item["code"]},
            {
                "title": item["title"],
                "text": item["text"].strip(),
                "body": GoverningBody.objects.get(code=item["body"]) if "body" in item else None,
                "position": (
                    Position.objects.get(code=item["position"]) if "position" in item else None
                ),
                "sort_order": order,
                "source": "UPPDRAG 5.1",
            },
        )
    grants = {}
    for item in data["grants"]:
        decision = Decision.objects.get(code=item["decision"]) if "decision" in item else None
        grant = grants[item["code"]] = ctx.ensure(
            ProgrammeGrant,
            {"code": item["code"]},
            {
                "programme": programme,
                "title": item["title"],
                "funder": item["funder"],
                "amount": parse_amount(item["amount"]),
                "first_year": item.get("first_year"),
                "last_year": item.get("last_year"),
                "decision": decision,
                "date_note": item.get("date_note", ""),
                "source": item["source"],
            },
        )
        if decision is not None:
            decision.link(grant, grant.title)
    for item in data["co_financing"]:
        ctx.ensure(
            CoFinancing,
            {
                "programme": programme,
                "year": item["year"],
                "funder": item["funder"],
                "initiative": item["initiative"],
            },
            {
                "amount": parse_amount(item["amount"]),
                "grant": grants.get(item.get("grant")),
                "source": item["source"],
            },
        )
    for item in data["budgets"]:
        ctx.ensure(
            ProgrammeBudget,
            {"programme": programme, "year": item["year"]},
            {"revenue": parse_amount(item["revenue"]), "source": item["source"]},
        )
    for item in data["activity_plans"]:
        # Created once as an empty draft; after that it moves through adoption and revision.
        if not ActivityPlan.objects.filter(programme=programme, year=item["year"]).exists():
            ctx.ensure(ActivityPlan, {"programme": programme, "year": item["year"], "number": 1})
    for item in data["reporting_obligations"]:
        ctx.ensure(
            ReportingObligation,
            {"code": item["code"]},
            {
                "title": item["title"],
                "reporter": item["reporter"],
                "body": GoverningBody.objects.get(code=item["body"]),
                "kind": item["kind"],
                "interval_months": item.get("interval_months"),
                "source": item["source"],
            },
        )
