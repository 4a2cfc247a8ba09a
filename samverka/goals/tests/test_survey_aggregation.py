"""A survey indicator's federation value is the share of all respondents by default."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.goals import testing as gt
from samverka.goals.models import Indicator, Measurement
from samverka.goals.survey import import_survey, respondent_table

pytestmark = pytest.mark.django_db

NOJDA = "Andel som uppger att de är sammantaget nöjda med förbundets insatser?"

# Nine members answering: (name, code, inhabitants, respondents, of whom "uppger").
# The large members are less content, so a mean weighted by population falls far below the
# share of all respondents: 13 of 24 = 54,2 %.
NINE = [
    ("Stora", "1401", 56000, 4, 1),
    ("Mellan", "1402", 40000, 3, 1),
    ("Tredje", "1403", 20000, 3, 1),
    ("Fyra", "1404", 9000, 3, 2),
    ("Fem", "1405", 8000, 3, 2),
    ("Sex", "1406", 7000, 2, 2),
    ("Sju", "1407", 6000, 2, 2),
    ("Åtta", "1408", 5000, 2, 1),
    ("Nio", "1409", 4000, 2, 1),
]


def _answers() -> bytes:
    lines = ["Kommun;Roll;Fråga;Svar"]
    for name, _code, _people, respondents, yes in NINE:
        for n in range(respondents):
            answer = "Instämmer helt" if n < yes else "Instämmer inte alls"
            lines.append(f"{name};Tjänsteperson {n + 1};{NOJDA};{answer}")
        lines.append(f"{name};Ordförande;{NOJDA};Vet ej")  # left out of the base
    return "\n".join(lines).encode()


@pytest.fixture
def nine():
    federation = testing.make_federation()
    members = gt.make_members(federation, {name: code for name, code, *_ in NINE})
    for member, (_name, _code, people, *_rest) in zip(members, NINE, strict=True):
        gt.give_population(member, 2025, people)
    indicator = gt.make_survey_indicator(gt.make_goal(federation, code="resurser"), NOJDA)
    import_survey("enkat.csv", _answers(), 2025)
    return indicator


def _federation_value(indicator) -> Decimal:
    return Measurement.objects.get(indicator=indicator, year=2025, member__isnull=True).value


def test_a_new_survey_indicator_defaults_to_the_share_of_all_respondents(nine):
    assert nine.aggregation == Indicator.Aggregation.RESPONDENTS


def test_with_nine_members_the_value_is_the_share_of_all_respondents(nine):
    assert _federation_value(nine) == Decimal("54.2")  # 13 yes of 24 respondents


def test_the_old_population_weighted_default_would_have_understated_it(nine):
    nine.aggregation = Indicator.Aggregation.WEIGHTED_MEAN
    nine.save()
    import_survey("enkat.csv", _answers(), 2025)
    # The failure: the large, less content members outweigh everyone else.
    assert _federation_value(nine) == Decimal("40.5284")


def test_other_indicators_keep_the_population_weighted_mean_by_default():
    goal = gt.make_goal(testing.make_federation())
    kolada = gt.make_indicator(goal, aggregation="")
    assert kolada.aggregation == Indicator.Aggregation.WEIGHTED_MEAN


def test_the_respondents_share_is_refused_for_an_indicator_that_is_not_a_survey():
    goal = gt.make_goal(testing.make_federation())
    kolada = gt.make_indicator(goal, aggregation=Indicator.Aggregation.RESPONDENTS)
    with pytest.raises(ValidationError) as caught:
        kolada.full_clean()
    assert "bara för enkätindikatorer" in str(caught.value)


def test_the_seed_makes_every_survey_indicator_use_the_respondents_share():
    load_skaraborg()
    survey = Indicator.objects.filter(source_kind=Indicator.SourceKind.SURVEY)
    assert survey.count() == 8
    assert set(survey.values_list("aggregation", flat=True)) == {"respondents"}
    assert Indicator.objects.get(code="befolkning").aggregation == "sum"


def test_the_table_gives_each_members_share_and_respondents_and_the_total(nine):
    table = respondent_table(nine.survey)
    assert table.year == 2025
    stora = next(row for row in table.members if row.area == "Stora")
    assert (stora.respondents, stora.counted, stora.share) == (4, 1, Decimal("25.0"))
    assert (table.total.respondents, table.total.counted) == (24, 13)
    assert table.total.share == Decimal("54.2")


def test_the_indicator_page_shows_the_members_respondents_beside_their_shares(client, nine):
    client.force_login(testing.make_reader())
    html = client.get(reverse("goals:indicator", args=[nine.code])).content.decode()
    assert "Svar per kommun 2025" in html
    assert '<th scope="row">Stora</th><td class="num">4</td><td class="num">1</td>' in html
    assert "25,0\u00a0%" in html
    assert "Alla svarande" in html and "54,2\u00a0%" in html


def test_every_page_that_shows_the_value_says_how_it_is_formed(client, nine):
    client.force_login(testing.make_reader())
    explanation = "Andelen av alla svarande i enkäten"
    for url in (
        reverse("goals:goal", args=["resurser"]),
        reverse("goals:indicator", args=[nine.code]),
    ):
        assert explanation in client.get(url).content.decode(), url
    index = client.get(reverse("goals:index")).content.decode()
    assert '<td class="aggregation">Andel av alla svarande</td>' in index
