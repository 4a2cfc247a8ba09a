"""The controller enters and corrects a period's financial targets on a page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget import targets, validation
from samverka.budget.tests.test_own_financial_targets import another_federation
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.goals.models import FinancialTarget
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db


def _url(year, measure):
    return reverse("goals:financial_target_edit", args=[year, measure])


def _result(**changes):
    data = {
        "name": "Resultat",
        "text": "Resultatet ska uppgå till minst två procent av medlemsavgifterna",
        "fee_share_comparison": "at_least",
        "fee_share": "2",
        "comparison": "at_least",
        "target_value": "",
        "explanation": "",
        "source": "Budget 2027, s. 6",
        "seen_version": 0,
    }
    return data | changes


def test_the_controller_enters_a_new_federation_s_targets_and_the_budget_is_measured_by_them(
    client,
):
    period = another_federation()
    client.force_login(testing.make_controller())
    response = client.post(_url(2027, "resultat"), _result())
    assert response.status_code == 302
    response = client.post(
        _url(2027, "soliditet"),
        {
            "name": "Soliditet",
            "text": "En stabil soliditet",
            "comparison": "above",
            "target_value": "20",
            "explanation": "Målvärde större än 20 %",
            "source": "",
            "seen_version": 0,
        },
    )
    assert response.status_code == 302
    stored = FinancialTarget.objects.get(period=period, measure="solidity")
    assert (stored.code, stored.unit, stored.target_value) == ("soliditet", "%", Decimal(20))
    labels = [(r.label, r.met) for r in targets.evaluate(period)]
    assert labels == [
        ("Resultat minst 2 % av medlemsavgifterna", False),
        ("Soliditet större än 20 %", False),
    ]
    assert "budget.targets_missing" not in {f.code for f in validation.run(period)}
    page = client.get(reverse("budget:targets", args=[2027])).content.decode()
    assert "Soliditet större än 20 %" in page and "20\u00a0%" in page
    goals_page = client.get(reverse("goals:index")).content.decode()
    assert "minst 2 % av medlemsavgifterna" in goals_page


def test_the_form_asks_for_the_share_or_the_amount_and_saves_nothing_without(client):
    another_federation()
    client.force_login(testing.make_controller())
    response = client.post(_url(2027, "resultat"), _result(fee_share="", target_value=""))
    assert response.status_code == 200
    assert "Ange resultatmålet som andel av medlemsavgifterna" in response.content.decode()
    response = client.post(_url(2027, "resultat"), _result(fee_share="två"))
    assert "”två” är inte ett tal" in response.content.decode()
    assert not FinancialTarget.objects.exists()


def test_a_stale_form_is_refused_with_the_newer_value(client):
    load_skaraborg()
    target = FinancialTarget.objects.get(period__year=2026, measure="solidity")
    client.force_login(testing.make_controller())
    form = client.get(_url(2026, "soliditet")).content.decode()
    assert 'value="7"' in form
    seen = target.version
    target.target_value = Decimal(10)
    target.save()
    response = client.post(
        _url(2026, "soliditet"),
        {
            "name": target.name,
            "text": target.text,
            "comparison": "above",
            "target_value": "12",
            "explanation": target.explanation,
            "source": target.source,
            "seen_version": seen,
        },
    )
    assert response.status_code == 200
    assert "Någon annan har sparat ett nytt värde: 10" in response.content.decode()
    target.refresh_from_db()
    assert target.target_value == Decimal(10)


def test_an_adopted_period_s_targets_cannot_be_changed(client):
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2026)
    PlanningPeriod.objects.filter(pk=period.pk).update(status=PlanningPeriod.Status.ADOPTED)
    client.force_login(testing.make_controller())
    page = client.get(_url(2026, "resultat")).content.decode()
    assert "Perioden är antagen och kan inte ändras" in page and "id_fee_share" not in page
    response = client.post(_url(2026, "resultat"), _result(seen_version=1))
    assert "Perioden är antagen och kan inte ändras" in response.content.decode()
    result = FinancialTarget.objects.get(period=period, measure="result")
    assert result.fee_share == Decimal(1)


def test_only_the_controller_may_open_the_form(client):
    another_federation()
    client.force_login(testing.make_reader())
    assert client.get(_url(2027, "resultat")).status_code == 403
    client.force_login(testing.make_controller())
    assert client.get(_url(2027, "okand")).status_code == 404


def test_the_next_year_starts_with_this_year_s_targets_rule_and_amount():
    from samverka.cycle.rollover import start_next_year

    load_skaraborg()
    new = start_next_year(PlanningPeriod.objects.get(year=2026), testing.make_controller())
    copied = FinancialTarget.objects.get(period=new, measure="result")
    assert (copied.fee_share, copied.fee_share_comparison, copied.target_value) == (
        Decimal(1),
        "at_least",
        Decimal(136310),
    )
    assert [t.measure for t in FinancialTarget.objects.filter(period=new)] == [
        "result",
        "solidity",
        "quick_ratio",
    ]
