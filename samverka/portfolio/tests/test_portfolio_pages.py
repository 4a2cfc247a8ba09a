import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.portfolio.queries import add_months
from samverka.portfolio.testing import make_funder, make_project, set_year_budget

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def reader(client):
    client.force_login(testing.make_reader())
    return client


def page(client, name, *args, **params):
    response = client.get(reverse(f"portfolio:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_index_draws_the_seeded_portfolio_as_a_timeline_with_a_table(reader):
    load_skaraborg()
    html = page(reader, "index")
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert html.count('class="gantt-bar') == 8
    assert "Kompetensnavet" in html and "2022-04-01" in html
    assert "<caption>Projekten i tidslinjen som tabell</caption>" in html
    assert "3 projekt saknar period och visas inte i tidslinjen." in html
    assert "4 ansökningar och idéer väntar" in html
    # Today (2026 or later) lies within 2022–2028, so the line for today is drawn.
    if D(2022, 1, 1) <= timezone.localdate() <= D(2028, 12, 31):
        assert 'class="gantt-today"' in html


def test_the_timeline_filters_by_status_unit_and_funder_without_javascript(reader):
    load_skaraborg()
    applications = page(reader, "index", status="application")
    assert "Stärkt APL" in applications and "Val för livet" not in applications
    vgr = page(reader, "index", funder="vgr")
    assert "Kraftsamling Framtidsrusta barn och unga" in vgr
    assert "Kompetensnavet" not in vgr
    unit = page(reader, "index", unit="projektenhet")
    assert "Kompetensnavet" in unit


def test_the_year_page_lists_the_projects_running_that_year(reader):
    load_skaraborg()
    html = page(reader, "year", 2026)
    assert html.count('<th scope="row"><a href="/projekt/') == 8
    assert "i budget innan besked" in html
    assert "okänt – varken årsbelopp eller totalbudget finns" in html
    html_2028 = page(reader, "year", 2028)
    assert "Kraftsamling" in html_2028 and "Kompetensnavet" not in html_2028


def test_the_pipeline_shows_the_applications_with_their_decision_dates(reader):
    load_skaraborg()
    html = page(reader, "pipeline")
    for date in ("2025-09-05", "2025-10-10", "2025-11-07", "2025-12-12"):
        assert date in html
    assert "(planerat)" in html  # Robust samhällsbyggande: decision scheduled 12 Dec
    assert "2025-12-31" in html  # Kraftsamling: answer expected before the turn of the year


def test_money_per_funder_and_year_is_summed(reader):
    project = make_project()
    funder = make_funder(name="ESF")
    project.financing.create(year=2026, kind="external", funder=funder, amount=Decimal(250000))
    project.financing.create(year=2026, kind="drum", amount=Decimal(50000))
    project.financing.create(year=2027, kind="external", funder=funder, amount=Decimal(100000))
    html = page(reader, "funders")
    assert "250\u00a0000\u00a0kr" in html and "350\u00a0000\u00a0kr" in html
    assert "DRUM" in html


def test_projects_ending_within_six_months_show_their_personnel_costs(reader):
    today = timezone.localdate()
    soon = make_project(
        name="Snart slut",
        start=today - datetime.timedelta(days=400),
        end=today + datetime.timedelta(days=30),
    )
    set_year_budget(soon, soon.end.year, 900000, personnel_costs=Decimal(600000))
    make_project(name="Långt kvar", start=today, end=add_months(today, 7))
    make_project(
        name="Redan slut",
        start=today - datetime.timedelta(days=100),
        end=today - datetime.timedelta(days=1),
    )
    html = page(reader, "ending")
    assert "Snart slut" in html and "600\u00a0000\u00a0kr" in html
    assert "Långt kvar" not in html
    assert "Redan slut" in html and "status är fortfarande ”pågår”" in html


def test_the_project_page_says_which_years_are_spread(reader):
    project = make_project(start=D(2026, 7, 1), end=D(2027, 6, 30), total_budget=Decimal("120000"))
    set_year_budget(project, 2026, 70000)
    html = page(reader, "project", project.code)
    assert "angivet årsbelopp" in html
    assert "fördelat ur totalbudgeten, dag för dag" in html
    assert "50\u00a0000\u00a0kr" in html
    assert "skrivs 260701-270630" in html
