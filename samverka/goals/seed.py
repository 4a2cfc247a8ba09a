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
from samverka.orgs.models import Federation, PlanningPeriod


def _paragraphs(items: list[str]) -> str:
    return "\n\n".join(" ".join(item.split()) for item in items)


def load(ctx: SeedContext) -> None:
    data = ctx.read("goals.yaml")
    federation = Federation.objects.get()
    strategies = {}
    for order, item in enumerate(data["strategies"], start=1):
        strategies[item["code"]] = ctx.upsert(
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
        goal = ctx.upsert(
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
        wanted = {strategies[code].pk for code in item["strategies"]}
        if set(goal.strategies.values_list("pk", flat=True)) != wanted:
            goal.strategies.set(wanted)
        for order, ind in enumerate(item["indicators"], start=1):
            _load_indicator(ctx, goal, ind, order, item["baseline_year"])

    fin = data["financial_targets"]
    period = PlanningPeriod.objects.get(federation=federation, year=fin["year"])
    for item in fin["targets"]:
        ctx.upsert(
            FinancialTarget,
            {"period": period, "code": item["code"]},
            {
                "number": item["number"],
                "name": item["name"],
                "text": " ".join(item["text"].split()),
                "explanation": " ".join(item["explanation"].split()),
                "comparison": item["comparison"],
                "target_value": Decimal(item["value"]),
                "unit": item["unit"],
                "source": fin["source"],
            },
        )


def _load_indicator(ctx: SeedContext, goal: Goal, ind: dict, order: int, baseline: int) -> None:
    survey = goal.number == 2
    indicator = ctx.upsert(
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
    # never overwrites a correction.
    if "kolada" in ind and not KoladaMapping.objects.filter(indicator=indicator).exists():
        k = ind["kolada"]
        ctx.upsert(
            KoladaMapping,
            {"indicator": indicator},
            {
                "kpi_id": k["kpi"],
                "expected_title": k.get("title", ""),
                "certainty": k["certainty"],
                "note": k.get("note", ""),
            },
        )
    if "scb" in ind and not ScbMapping.objects.filter(indicator=indicator).exists():
        s = ind["scb"]
        ctx.upsert(
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
    if survey and not SurveyQuestion.objects.filter(indicator=indicator).exists():
        ctx.upsert(SurveyQuestion, {"indicator": indicator}, {"text": ind["name"]})
