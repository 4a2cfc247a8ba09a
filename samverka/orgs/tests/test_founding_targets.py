"""A new federation starts without financial targets, and both ways of setting it up say so."""

import pytest
from django.urls import reverse

from samverka.budget import validation
from samverka.goals.models import FinancialTarget
from samverka.orgs.models import PlanningPeriod
from samverka.orgs.tests.test_first_run_page import answers, token  # noqa: F401
from samverka.orgs.tests.test_init_command import run, yaml_file  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_first_run_page_leaves_the_targets_to_be_entered_and_links_to_them(
    client,
    token,  # noqa: F811
):
    client.post(reverse("first_run:start"), answers())
    summary = client.get(reverse("first_run:check")).content.decode()
    assert "Finansiella mål" in summary and "Läggs in efter uppläggningen" in summary
    response = client.post(reverse("first_run:check"), {}, follow=True)
    page = response.content.decode()
    targets_url = reverse("budget:targets", args=[2026])
    assert "Förbundets finansiella mål är inte inlagda" in page
    assert f'<a href="{targets_url}">Lägg in de finansiella målen för 2026</a>' in page
    assert not FinancialTarget.objects.exists()
    targets_page = client.get(targets_url).content.decode()
    assert reverse("goals:financial_target_edit", args=[2026, "soliditet"]) in targets_page


def test_init_says_where_the_targets_are_entered_and_reports_their_absence(
    yaml_file,  # noqa: F811
    settings,
):
    settings.SCB_ONLINE = False
    out = run("--file", yaml_file())
    assert "Förbundets finansiella mål är inte inlagda" in out
    assert reverse("budget:targets", args=[2026]) in out
    assert "Förbundet har inga finansiella mål för 2026" in out
    codes = {f.code for f in validation.run(PlanningPeriod.objects.get())}
    assert "budget.targets_missing" in codes and "budget.target_not_met" not in codes
