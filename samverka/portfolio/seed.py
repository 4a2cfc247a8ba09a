"""Seed the project portfolio: funders, the projects running in 2026 and the applications."""

from django.utils.translation import gettext as _

from samverka.core.seeding import SeedContext
from samverka.decisions.models import Decision
from samverka.orgs.federation import current
from samverka.orgs.models import Unit
from samverka.portfolio.models import Funder, Project
from samverka.portfolio.period import PeriodError, parse_period

SEED_FILE = "portfolio.yaml"


def load(ctx: SeedContext) -> None:
    data = ctx.read(SEED_FILE)
    federation = current()
    owning_unit = Unit.objects.get(code=data["owning_unit"])
    funders = {
        item["code"]: ctx.ensure(
            Funder,
            {"code": item["code"]},
            {
                "name": item["name"],
                "full_name": item.get("full_name", ""),
                "kind": item["kind"],
                "source": item.get("source", ""),
            },
        )
        for item in data["funders"]
    }
    for order, item in enumerate(data["projects"], start=1):
        start = end = None
        if item.get("period"):
            try:
                start, end = parse_period(str(item["period"]))
            except PeriodError as exc:
                raise ValueError(
                    _("%(file)s, projekt %(code)s, fält period: %(reason)s")
                    % {"file": SEED_FILE, "code": item["code"], "reason": exc.message}
                ) from exc
        project = ctx.ensure(
            Project,
            {"code": item["code"]},
            {
                "federation": federation,
                "name": item["name"],
                "status": item["status"],
                "start": start,
                "end": end,
                "owning_unit": owning_unit,
                "budgeted_before_answer": item.get("budgeted_before_answer", False),
                "answer_expected_by": item.get("answer_expected_by"),
                "note": (item.get("note") or "").strip(),
                "source": item["source"],
                "sort_order": order,
            },
        )
        decisions = [Decision.objects.get(code=code) for code in item.get("decisions", [])]
        ctx.ensure_related(project, "decisions", decisions)
        ctx.ensure_related(project, "funders", [funders[code] for code in item.get("funders", [])])
