"""Seed the organisation: federation, members, populations, units, bodies, positions, periods."""

from django.utils.translation import gettext as _

from samverka.core.seeding import SeedContext, SeedError
from samverka.orgs.federation import current_or_none
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
    existing = current_or_none()
    if existing is not None and existing.code != fed["code"]:
        raise SeedError(
            _(
                "Installationen har redan förbundet %(name)s (kod %(code)s). En installation har "
                "ett enda förbund, så %(file)s kan bara läsas in i en tom databas."
            )
            % {"name": existing.name, "code": existing.code, "file": ctx.current_file}
        )
    federation = ctx.ensure(
        Federation,
        {"code": fed["code"]},
        {
            "name": fed["name"],
            "short_name": fed["short_name"],
            "purpose": fed["purpose"].strip(),
            "description": fed["description"].strip(),
        },
    )
    for item in data["affiliations"]:
        ctx.ensure(
            Affiliation,
            {"federation": federation, "name": item["name"]},
            {"kind": item["kind"], "description": item["description"]},
        )

    members = {}
    for item in data["members"]:
        members[item["name"]] = ctx.ensure(
            Member,
            {"municipality_code": item["code"]},
            {"federation": federation, "name": item["name"]},
        )
    pops = data["populations"]
    for name, inhabitants in pops["inhabitants"].items():
        ctx.ensure(
            Population,
            {"member": members[name], "reference_date": pops["reference_date"]},
            {"inhabitants": inhabitants, "source": pops["source"]},
        )

    units = {}
    for order, item in enumerate(data["units"], start=1):
        units[item["code"]] = ctx.ensure(
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
        body = bodies[item["code"]] = ctx.ensure(
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
                ctx.ensure(
                    Seat,
                    {"body": body, "member": member, "role": seat["role"]},
                    {"qualification": seat["qualification"]},
                )

    for item in data["positions"]:
        ctx.ensure(
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
        ctx.ensure(
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
        ctx.ensure(
            PlanningPeriod,
            {"federation": federation, "year": item["year"]},
            {"note": item["note"]},
            initial={"status": item["status"]},
        )
