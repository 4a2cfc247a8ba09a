"""Seed the dated board decisions that the plan mentions."""

from samverka.core.seeding import SeedContext
from samverka.decisions.models import Decision
from samverka.orgs.models import Federation, GoverningBody


def load(ctx: SeedContext) -> None:
    data = ctx.read("decisions.yaml")
    federation = Federation.objects.get(code="skaraborg")
    body = GoverningBody.objects.get(code=data["body"])
    for item in data["decisions"]:
        ctx.upsert(
            Decision,
            {"code": item["code"]},
            {
                "federation": federation,
                "body": body,
                "date": item["date"],
                "status": item.get("status", Decision.Status.DECIDED),
                "title": item["title"],
                "text": item["text"],
                "source": item["source"],
            },
        )
