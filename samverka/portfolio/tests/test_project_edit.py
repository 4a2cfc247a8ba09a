import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.orgs.models import PlanningPeriod
from samverka.portfolio.models import Project
from samverka.portfolio.reconciliation import reconcile
from samverka.portfolio.testing import make_project

pytestmark = pytest.mark.django_db

D = datetime.date


def form_data(project, **changes):
    data = {
        "name": project.name,
        "code": project.code,
        "status": project.status,
        "period": "",
        "total_budget": "",
        "owning_unit": project.owning_unit_id,
        "thematic_unit": "",
        "answer_expected_by": "",
        "description": "",
        "note": "",
        "seen_version": project.version,
    }
    return data | changes


def edit(client, project, **changes):
    return client.post(
        reverse("portfolio:project_edit", args=[project.code]), form_data(project, **changes)
    )


def project_manager_of(project):
    user = testing.make_user(Role.PROJECT_MANAGER)
    project.managers.add(user)
    return user


def test_a_pasted_period_in_the_plans_notation_is_saved_as_dates(client):
    project = make_project()
    client.force_login(testing.make_controller())
    response = edit(client, project, period="240301-270301", total_budget="3 000 000")
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.start, project.end) == (D(2024, 3, 1), D(2027, 3, 1))
    assert project.total_budget == Decimal(3000000)


def test_an_impossible_date_is_refused_with_the_reason(client):
    project = make_project()
    client.force_login(testing.make_controller())
    response = edit(client, project, period="240231-270301")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Startdatumet ”240231” är inget datum: februari 2024 har 29 dagar, inte 31." in html
    project.refresh_from_db()
    assert project.start == D(2026, 1, 1)


def test_an_end_before_the_start_is_refused(client):
    project = make_project()
    client.force_login(testing.make_controller())
    html = edit(client, project, period="2027-03-01–2024-03-01").content.decode()
    assert "Slutdatumet 2024-03-01 ligger före startdatumet 2027-03-01." in html


def test_a_project_manager_edits_their_own_project_but_not_another(client):
    own, other = make_project(), make_project()
    client.force_login(project_manager_of(own))
    assert edit(client, own, name="Nytt namn").status_code == 302
    own.refresh_from_db()
    assert own.name == "Nytt namn"
    assert edit(client, other, name="Inte mitt").status_code == 403


def test_a_reader_cannot_edit_a_project(client):
    project = make_project()
    client.force_login(testing.make_reader())
    assert edit(client, project, name="X").status_code == 403
    assert client.get(reverse("portfolio:project_create")).status_code == 403


def test_a_concurrent_edit_is_refused_with_the_newer_value(client):
    project = make_project()
    stale = form_data(project, name="Mitt namn")
    project.name = "Någon annans namn"
    project.save()
    client.force_login(testing.make_controller())
    response = client.post(reverse("portfolio:project_edit", args=[project.code]), stale)
    assert response.status_code == 200
    assert "Någon annans namn" in response.content.decode()
    project.refresh_from_db()
    assert project.name == "Någon annans namn"


def test_a_controller_creates_a_project_and_a_page_name_is_refused_as_code(client):
    federation = testing.make_federation()
    unit = make_project(federation).owning_unit
    client.force_login(testing.make_controller())
    url = reverse("portfolio:project_create")
    data = {
        "name": "Ny förstudie",
        "code": "ny-forstudie",
        "status": "idea",
        "period": "2026-05-01 – 2026-12-31",
        "owning_unit": unit.pk,
        "seen_version": 0,
    }
    assert client.post(url, data).status_code == 302
    created = Project.objects.get(code="ny-forstudie")
    assert created.end == D(2026, 12, 31)
    html = client.post(url, data | {"code": "ansokningar"}).content.decode()
    assert "Koden ”ansokningar” är upptagen" in html


def test_changing_a_years_budget_on_the_page_shows_in_the_reconciliation(client):
    project = make_project()
    client.force_login(project_manager_of(project))
    url = reverse("portfolio:project_year_edit", args=[project.code, 2026])
    data = {"budget": "1 000 000", "personnel_costs": "600 000", "overhead": "", "source": ""}
    assert client.post(url, data | {"seen_version": 0}).status_code == 302
    assert reconcile(2026, Decimal(1000000)) == []
    figures = project.year_figures.get(year=2026)
    assert (
        client.post(
            url, data | {"budget": "1 100 000", "seen_version": figures.version}
        ).status_code
        == 302
    )
    [finding] = reconcile(2026, Decimal(1000000))
    assert finding.expected == Decimal(1100000)


def test_a_years_budget_is_frozen_when_that_year_is_adopted(client):
    project = make_project()
    PlanningPeriod.objects.create(federation=project.federation, year=2026, status="adopted")
    client.force_login(testing.make_controller())
    url = reverse("portfolio:project_year_edit", args=[project.code, 2026])
    response = client.post(url, {"budget": "5", "seen_version": 0, "source": ""})
    assert response.status_code == 200
    assert "Perioden 2026 är antagen och kan inte ändras" in response.content.decode()
    assert not project.year_figures.exists()
