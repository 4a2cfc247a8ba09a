"""Seed the goals, their indicators with the open-data mappings, and the financial targets."""

from decimal import Decimal

from samverka.core.seeding import SeedContext
from samverka.goals.models import (
    FinancialTarget,
    Goal,
    Indicator,
    KoladaMapping,
    ScbMapping,
    Strategy,
    SurveyQuestion,
)
from samverka.orgs.federation import current
from samverka.orgs.models import PlanningPeriod


def _paragraphs(items: list[str]) -> str:
    return "\n\n".join(" ".join(item.split()) for item in items)


def load(ctx: SeedContext) -> None:
    data = ctx.read("goals.yaml")
    federation = current()
    strategies = {}
    for order, item in enumerate(data["strategies"], start=1):
        strategies[item["code"]] = ctx.ensure(
            Strategy,
            {"code": item["code"]},
            {
                "federation": federation,
                "name": item["name"],
                "kind": item["kind"],
                "source": f"{data['source']}, s. 5",
                "sort_order": order,
            },
        )

    for item in data["goals"]:
        goal = ctx.ensure(
            Goal,
            {"code": item["code"]},
            {
                "federation": federation,
                "number": item["number"],
                "name": item["name"],
                "statement": " ".join(item["statement"].split()),
                "why": _paragraphs(item["why"]),
                "effects": _paragraphs(item["effects"]),
                "source": item["source"],
            },
        )
        ctx.ensure_related(goal, "strategies", [strategies[code] for code in item["strategies"]])
        for order, ind in enumerate(item["indicators"], start=1):
            _load_indicator(ctx, goal, ind, order, item["baseline_year"])

    fin = data["financial_targets"]
    period = PlanningPeriod.objects.get(federation=federation, year=fin["year"])
    for item in fin["targets"]:
        ctx.ensure(
            FinancialTarget,
            {"period": period, "code": item["code"]},
            {
                "number": item["number"],
                "measure": item.get("measure", ""),
                "name": item["name"],
                "text": " ".join(item["text"].split()),
                "explanation": " ".join(item["explanation"].split()),
                "comparison": item["comparison"],
                "target_value": Decimal(item["value"]),
                "unit": item["unit"],
                "fee_share": Decimal(item["share_of_fees"]) if "share_of_fees" in item else None,
                "fee_share_comparison": item.get("share_comparison", "at_least"),
                "source": fin["source"],
            },
        )


def _load_indicator(ctx: SeedContext, goal: Goal, ind: dict, order: int, baseline: int) -> None:
    survey = goal.number == 2
    indicator = ctx.ensure(
        Indicator,
        {"code": ind["code"]},
        {
            "goal": goal,
            "name": ind["name"],
            "unit": ind.get("unit", "%"),
            "decimals": ind.get("decimals", 1 if survey else 0),
            "source_kind": ind.get("source", Indicator.SourceKind.SURVEY),
            "aggregation": ind.get(
                "aggregation",
                Indicator.default_aggregation(ind.get("source", Indicator.SourceKind.SURVEY)),
            ),
            "baseline_year": baseline,
            "sort_order": order,
        },
    )
    # The mappings are corrected by an administrator afterwards: the seed creates them once and
    # reports a correction as a difference, never overwriting it.
    if "kolada" in ind:
        k = ind["kolada"]
        ctx.ensure(
            KoladaMapping,
            {"indicator": indicator},
            {
                "kpi_id": k["kpi"],
                "expected_title": k.get("title", ""),
                "certainty": k["certainty"],
                "note": k.get("note", ""),
            },
        )
    if "scb" in ind:
        s = ind["scb"]
        ctx.ensure(
            ScbMapping,
            {"indicator": indicator},
            {
                "api": s["api"],
                "table": s["table"],
                "contents_code": s["contents_code"],
                "certainty": s["certainty"],
                "note": s.get("note", ""),
            },
        )
    if survey:
        ctx.ensure(SurveyQuestion, {"indicator": indicator}, {"text": ind["name"]})
