import pytest

from samverka.audit.models import LogEntry
from samverka.core.seeding import load_skaraborg
from samverka.goals.models import (
    FinancialTarget,
    Goal,
    Indicator,
    KoladaMapping,
    Strategy,
    SurveyQuestion,
    TargetValue,
)

pytestmark = pytest.mark.django_db


def test_it_loads_the_two_goals_with_eight_indicators_each_named_as_printed():
    load_skaraborg()
    goals = list(Goal.objects.all())
    assert [(g.number, g.name) for g in goals] == [
        (1, "Ökad konkurrenskraft"),
        (2, "Resurseffektivt förbund"),
    ]
    first = [i.name for i in goals[0].indicators.all()]
    second = [i.name for i in goals[1].indicators.all()]
    assert len(first) == len(second) == 8
    assert first[0] == "Befolkningsutveckling - antal invånare totalt i Skaraborg"
    assert "Företagsklimat insikt - Totalt, index" in first
    assert second[0] == (
        "Andel som uppger att de är sammantaget nöjda med Skaraborgs Kommunalförbunds insatser?"
    )
    assert goals[0].statement.startswith("Skaraborgs konkurrens- och attraktionskraft ökar")
    assert len(goals[1].why_points()) == 3
    assert len(goals[1].effect_points()) == 2


def test_it_links_the_goals_to_the_five_steering_strategies_and_assignments():
    load_skaraborg()
    kinds = dict(Strategy.objects.values_list("name", "kind"))
    assert len(kinds) == 5
    assert kinds["Omställning Skaraborg"] == Strategy.Kind.ASSIGNMENT
    assert kinds["Kulturplan 2030"] == Strategy.Kind.STRATEGY
    assert Goal.objects.get(number=1).strategies.count() == 5


def test_it_loads_no_indicator_targets_since_the_plan_states_none():
    load_skaraborg()
    assert not TargetValue.objects.exists()


def test_the_kolada_mappings_record_how_certain_they_are():
    load_skaraborg()
    population = KoladaMapping.objects.get(indicator__code="befolkning")
    assert (population.kpi_id, population.certainty) == ("N01951", "confirmed")
    assert population.expected_title == "Invånare totalt, antal"
    assert KoladaMapping.objects.get(indicator__code="miljomassig-hallbarhet").certainty == (
        "unconfirmed"
    )
    social = KoladaMapping.objects.get(indicator__code="social-hallbarhet")
    assert social.kpi_id == "" and social.certainty == "unknown"
    sums = set(
        Indicator.objects.filter(aggregation=Indicator.Aggregation.SUM).values_list(
            "code", flat=True
        )
    )
    assert sums == {"befolkning", "bostader", "elproduktion"}
    assert SurveyQuestion.objects.count() == 8


def test_it_loads_the_three_financial_targets_for_2026_as_printed():
    load_skaraborg()
    targets = list(FinancialTarget.objects.filter(period__year=2026))
    assert [(t.name, t.target_value, t.unit) for t in targets] == [
        ("Resultat", 136310, "kr"),
        ("Soliditet", 7, "%"),
        ("Kassalikviditet", 103, "%"),
    ]
    assert all(t.comparison == FinancialTarget.Comparison.ABOVE for t in targets)
    assert "136 310 kronor" in targets[0].explanation


def test_loading_twice_changes_nothing():
    load_skaraborg()
    entries = LogEntry.objects.count()
    ctx = load_skaraborg()
    assert not ctx.created and not ctx.findings
    assert LogEntry.objects.count() == entries


def test_a_corrected_kolada_mapping_survives_a_reload():
    load_skaraborg()
    mapping = KoladaMapping.objects.get(indicator__code="social-hallbarhet")
    mapping.kpi_id = "N00372"
    mapping.save()
    load_skaraborg()
    mapping.refresh_from_db()
    assert mapping.kpi_id == "N00372"
