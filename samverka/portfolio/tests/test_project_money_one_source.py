"""Project money agrees with itself: one figure for the project unit, funders with what they
finance, and an adopted year's amount that does not move when the project changes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import LineKind
from samverka.budget.testing import make_line
from samverka.core import testing
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PlanningPeriod
from samverka.portfolio.models import Financing
from samverka.portfolio.testing import make_funder, make_project, make_project_unit

pytestmark = pytest.mark.django_db

D = datetime.date
NBSP = "\u00a0"


@pytest.fixture
def controller(client):
    client.force_login(testing.make_controller())
    return client


def _edit_total(client, project, total: str, period: str):
    data = {
        "name": project.name,
        "code": project.code,
        "status": project.status,
        "period": period,
        "total_budget": total,
        "owning_unit": project.owning_unit_id,
        "thematic_unit": "",
        "answer_expected_by": "",
        "description": "",
        "note": "",
        "seen_version": project.version,
    }
    return client.post(reverse("portfolio:project_edit", args=[project.code]), data, follow=True)


def _adopt(period: PlanningPeriod) -> None:
    decision = Decision.objects.create(
        federation=period.federation, date=D(2025, 12, 12), title="Budget 2026"
    )
    periods.adopt(period, decision, errors_acknowledged=True)


def _amounts(project) -> dict[int, Decimal]:
    return {b.year: b.amount for b in project.budget_by_year()}


def test_the_reconciliation_reads_the_project_units_budget_without_asking(controller):
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    unit = make_project_unit(federation)
    make_line(period, unit, LineKind.PERSONNEL, -10_000_000)
    make_line(period, unit, LineKind.OTHER_COSTS, -6_398_000)
    project = make_project(federation)
    project.year_figures.create(year=2026, budget=Decimal(16_000_000))
    html = controller.get(reverse("portfolio:reconciliation", args=[2026])).content.decode()
    assert 'name="stated"' not in html
    assert f"-16{NBSP}398{NBSP}000{NBSP}kr" in html  # the budget's figure, as the check reads it
    assert "skiljer sig från summan av projekten" in html
    assert f"398{NBSP}000{NBSP}kr" in html


def test_without_a_budget_for_the_year_the_reconciliation_says_so(controller):
    federation = testing.make_federation()
    make_project_unit(federation)
    html = controller.get(reverse("portfolio:reconciliation", args=[2026])).content.decode()
    assert "Projektenhetens budget för 2026 är inte angiven" in html
    assert "ingen budget för året" in html


def test_the_funder_list_shows_what_each_funder_finances(controller):
    esf = make_funder(code="esf", name="ESF")
    make_funder(code="vgr", name="VGR")
    project = make_project(name="Kompetensnavet")
    Financing.objects.create(project=project, year=2026, kind="external", funder=esf, amount=800)
    Financing.objects.create(project=project, year=2027, kind="external", funder=esf, amount=450)
    html = controller.get(reverse("portfolio:funders")).content.decode()
    esf_row = html[html.index(">ESF<") : html.index(">VGR<")]
    assert "Kompetensnavet" in esf_row and f"1{NBSP}250{NBSP}kr (2026, 2027)" in esf_row
    assert "inga registrerade" not in esf_row
    assert "inga registrerade" in html[html.index(">VGR<") :]  # VGR finances nothing


def test_adopting_a_year_freezes_each_projects_share_of_it(controller):
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    project = make_project(
        federation, start=D(2026, 1, 1), end=D(2027, 12, 31), total_budget=Decimal(2_000_000)
    )
    share = _amounts(project)[2026]  # the 2026 share of the total, spread by days
    _adopt(period)
    figures = project.year_figures.get(year=2026)
    assert figures.budget == share
    assert "låst när 2026 antogs" in figures.source


def test_editing_the_total_leaves_an_adopted_year_and_spreads_over_the_open_years(controller):
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    project = make_project(
        federation, start=D(2026, 1, 1), end=D(2027, 12, 31), total_budget=Decimal(2_000_000)
    )
    share = _amounts(project)[2026]
    _adopt(period)
    response = _edit_total(controller, project, "3 000 000", "2026-01-01 – 2027-12-31")
    assert "fördelas bara över öppna år (2027); 2026 är antaget och oförändrat" in (
        response.content.decode()
    )
    project.refresh_from_db()
    assert project.total_budget == Decimal(3_000_000)
    assert _amounts(project) == {2026: share, 2027: Decimal(3_000_000) - share}


def test_a_year_adopted_before_freezing_existed_does_not_move_either(controller):
    federation = testing.make_federation()
    project = make_project(
        federation, start=D(2026, 1, 1), end=D(2027, 12, 31), total_budget=Decimal(2_000_000)
    )
    share = _amounts(project)[2026]
    testing.make_period(federation, 2026, status=PlanningPeriod.Status.ADOPTED)
    _edit_total(controller, project, "3 000 000", "2026-01-01 – 2027-12-31")
    project.refresh_from_db()
    assert _amounts(project) == {2026: share, 2027: Decimal(3_000_000) - share}


def test_a_total_change_only_an_adopted_year_could_take_is_refused(controller):
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    project = make_project(federation, total_budget=Decimal(1_000_000))  # 2026 only
    _adopt(period)
    response = _edit_total(controller, project, "1 500 000", "2026-01-01 – 2026-12-31")
    assert "Totalbudgeten kan inte ändras: 2026 är antaget" in response.content.decode()
    project.refresh_from_db()
    assert project.total_budget == Decimal(1_000_000)
    assert _amounts(project) == {2026: Decimal(1_000_000)}
