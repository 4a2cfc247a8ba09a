"""Seed the dated board decisions that the plan mentions, and the board meetings they imply.

A dated board decision means the board met that day, so each decision gets a meeting of its body
on its date with the decision's matter on the agenda. Nothing else about those meetings is known.
"""

from samverka.core.seeding import SeedContext
from samverka.decisions.models import AgendaItem, Decision, Meeting
from samverka.orgs.federation import current
from samverka.orgs.models import GoverningBody

MEETING_SOURCE = "Härlett ur beslutets datum (%s)"


def load(ctx: SeedContext) -> None:
    data = ctx.read("decisions.yaml")
    federation = current()
    body = GoverningBody.objects.get(code=data["body"])
    for item in data["decisions"]:
        meeting = ctx.ensure(
            Meeting,
            {"body": body, "date": item["date"]},
            {"source": MEETING_SOURCE % item["source"]},
        )
        decision = ctx.ensure(
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
                "meeting": meeting,
            },
        )
        if not AgendaItem.objects.filter(meeting=meeting, decision=decision).exists():
            order = (
                meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0
            ) + 1
            ctx.ensure(
                AgendaItem,
                {"meeting": meeting, "order": order},
                {"title": item["title"], "decision": decision},
            )
