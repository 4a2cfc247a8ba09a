"""Seed the organisation: federation, members, populations, units, bodies, positions, periods."""

from samverka.core.seeding import SeedContext
from samverka.orgs.models import (
    Affiliation,
    Federation,
    GoverningBody,
    Member,
    Network,
    PlanningPeriod,
    Population,
    Position,
    Seat,
    Unit,
)


def load(ctx: SeedContext) -> None:
    data = ctx.read("organisation.yaml")
    fed = data["federation"]
    federation = ctx.upsert(
        Federation,
        {"code": fed["code"]},
        {
            "name": fed["name"],
            "purpose": fed["purpose"].strip(),
            "description": fed["description"].strip(),
        },
    )
    for item in data["affiliations"]:
        ctx.upsert(
            Affiliation,
            {"federation": federation, "name": item["name"]},
            {"kind": item["kind"], "description": item["description"]},
        )

    members = {}
    for item in data["members"]:
        members[item["name"]] = ctx.upsert(
            Member,
            {"municipality_code": item["code"]},
            {"federation": federation, "name": item["name"]},
        )
    pops = data["populations"]
    for name, inhabitants in pops["inhabitants"].items():
        ctx.upsert(
            Population,
            {"member": members[name], "reference_date": pops["reference_date"]},
            {"inhabitants": inhabitants, "source": pops["source"]},
        )

    units = {}
    for order, item in enumerate(data["units"], start=1):
        units[item["code"]] = ctx.upsert(
            Unit,
            {"code": item["code"]},
            {
                "federation": federation,
                "name": item["name"],
                "kind": item["kind"],
                "description": item["description"].strip(),
                "sort_order": order,
            },
        )

    bodies = {}
    for order, item in enumerate(data["bodies"], start=1):
        body = bodies[item["code"]] = ctx.upsert(
            GoverningBody,
            {"code": item["code"]},
            {
                "federation": federation,
                "name": item["name"],
                "kind": item["kind"],
                "mandate": item["mandate"].strip(),
                "is_decision_making": item.get("decision_making", False),
                "prepares_for": bodies.get(item.get("prepares_for")),
                "intended_size": item.get("size"),
                "source": item.get("source", ""),
                "sort_order": order,
            },
        )
        for seat in item.get("seats_per_member", []):
            for member in members.values():
                ctx.upsert(
                    Seat,
                    {"body": body, "member": member, "role": seat["role"]},
                    {"qualification": seat["qualification"]},
                )

    for item in data["positions"]:
        ctx.upsert(
            Position,
            {"code": item["code"]},
            {
                "federation": federation,
                "title": item["title"],
                "unit": units.get(item.get("unit")),
                "responsibilities": item["responsibilities"].strip(),
                "source": item["source"],
            },
        )
    for item in data["networks"]:
        ctx.upsert(
            Network,
            {"code": item["code"]},
            {
                "federation": federation,
                "name": item["name"],
                "kind": item["kind"],
                "unit": units.get(item.get("unit")),
                "task": item.get("task", ""),
                "source": item["source"],
            },
        )
    for item in data["periods"]:
        # Status is set on creation only: after that it moves through adoption and revision.
        period = PlanningPeriod.objects.filter(federation=federation, year=item["year"]).first()
        if period is None:
            ctx.upsert(
                PlanningPeriod,
                {"federation": federation, "year": item["year"]},
                {"status": item["status"], "note": item["note"]},
            )
