"""Seed the default account ranges and cost centres (samverka/seed/skaraborg/ledger.yaml)."""

from samverka.core.seeding import SeedContext
from samverka.ledger.models import AccountRange, CostCentreMapping
from samverka.orgs.federation import current
from samverka.orgs.models import Unit


def load(ctx: SeedContext) -> None:
    data = ctx.read("ledger.yaml")
    federation = current()
    for item in data["account_ranges"]:
        ctx.ensure(
            AccountRange,
            {"federation": federation, "first": str(item["first"]), "last": str(item["last"])},
            {"line_kind": item["line_kind"], "note": item.get("note", "")},
        )
    for item in data.get("cost_centres") or []:
        ctx.ensure(
            CostCentreMapping,
            {
                "federation": federation,
                "dimension": str(item["dimension"]),
                "object_code": str(item["object"]),
            },
            {"unit": Unit.objects.get(code=item["unit"]), "note": item.get("note", "")},
        )
