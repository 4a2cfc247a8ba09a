from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.portfolio.models import Financing
from samverka.portfolio.testing import make_funder, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_and_manager(client):
    project = make_project()
    user = testing.make_user(Role.PROJECT_MANAGER)
    project.managers.add(user)
    client.force_login(user)
    return project


def add(client, project, year=2026, **data):
    url = reverse("portfolio:financing_add", args=[project.code, year])
    return client.post(url, {"source": "", "funder": "", "seen_version": 0} | data)


def test_a_project_manager_adds_money_from_a_funder_and_it_shows_per_funder(
    client, project_and_manager
):
    project = project_and_manager
    funder = make_funder(code="esf", name="ESF")
    response = add(client, project, kind="external", funder=funder.pk, amount="1 250 000")
    assert response.status_code == 302
    assert add(client, project, kind="members", amount="250 000").status_code == 302
    html = client.get(reverse("portfolio:funders")).content.decode()
    assert "ESF" in html and "1\u00a0250\u00a0000\u00a0kr" in html
    assert "medfinansiering från medlemmarna" in html


def test_external_money_without_a_funder_is_refused(client, project_and_manager):
    response = add(client, project_and_manager, kind="external", amount="100")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Ange anslagsgivaren för extern finansiering." in html
    assert not Financing.objects.exists()


def test_the_same_source_twice_in_a_year_is_refused_and_the_first_is_changed_instead(
    client, project_and_manager
):
    project = project_and_manager
    assert add(client, project, kind="drum", amount="100 000").status_code == 302
    html = add(client, project, kind="drum", amount="5").content.decode()
    assert "redan ett belopp från den källan det året" in html
    row = Financing.objects.get()
    url = reverse("portfolio:financing_edit", args=[project.code, 2026, "drum"])
    data = {"kind": "drum", "funder": "", "amount": "120 000", "source": "", "seen_version": 1}
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.amount == Decimal(120000)


def test_another_projects_manager_cannot_add_money(client, project_and_manager):
    other = make_project()
    assert add(client, other, kind="own", amount="1").status_code == 403
