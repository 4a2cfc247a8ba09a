"""History pages: for controllers and administrators, addressed by the object's code."""

import pytest
from django.urls import reverse

from samverka.accounts.models import Role, RoleAssignment
from samverka.audit.history import history_url
from samverka.core import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    federation = testing.make_federation(code="fbd")
    unit = testing.make_unit(federation, code="kansli", name="Kansliet")
    unit.name = "Förbundskansliet"
    unit.save()
    return unit


def _unit_history(unit):
    return reverse("audit:history", args=["orgs", "unit", unit.code])


def test_a_units_history_is_addressed_by_its_code_not_its_pk(unit):
    assert history_url(unit) == "/historik/orgs/unit/kansli/"


def test_a_controller_reads_a_units_history_by_its_code(client, unit):
    client.force_login(testing.make_controller())
    response = client.get("/historik/orgs/unit/kansli/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "ändrade Förbundskansliet" in page
    assert "Kansliet" in page  # the name before the change


def test_an_administrator_reads_it_too(client, unit):
    client.force_login(testing.make_user(Role.ADMIN))
    assert client.get(_unit_history(unit)).status_code == 200


@pytest.mark.parametrize("persona", ["reader", "unit_manager", "project_manager"])
def test_anyone_else_is_refused_with_403(client, unit, persona):
    user = (
        testing.make_unit_manager(unit) if persona == "unit_manager" else testing.make_user(persona)
    )
    client.force_login(user)
    assert client.get(_unit_history(unit)).status_code == 403


def test_the_bare_pk_no_longer_addresses_an_object(client, unit):
    client.force_login(testing.make_controller())
    assert client.get(f"/historik/orgs/unit/{unit.pk}/").status_code == 404


def test_an_unknown_code_or_model_is_404(client, unit):
    client.force_login(testing.make_controller())
    assert client.get("/historik/orgs/unit/finns-inte/").status_code == 404
    assert client.get("/historik/orgs/nothing/kansli/").status_code == 404


def test_a_period_is_addressed_by_federation_and_year(client):
    federation = testing.make_federation(code="fbd")
    period = testing.make_period(federation, year=2026)
    assert history_url(period) == "/historik/orgs/planningperiod/fbd/2026/"
    client.force_login(testing.make_controller())
    response = client.get(history_url(period))
    assert response.status_code == 200
    assert "skapade 2026" in response.content.decode()
    assert client.get("/historik/orgs/planningperiod/fbd/1999/").status_code == 404
    assert client.get("/historik/orgs/planningperiod/fbd/inte-ett-år/").status_code == 404


def test_a_users_history_is_for_administrators_only(client):
    target = testing.make_user(username="anna")
    client.force_login(testing.make_controller())
    assert client.get("/historik/auth/user/anna/").status_code == 403
    client.force_login(testing.make_user(Role.ADMIN))
    assert client.get("/historik/auth/user/anna/").status_code == 200
    assert client.get(f"/historik/auth/user/{target.pk}/").status_code == 404


def test_a_role_assignments_history_is_for_administrators_only(client):
    federation = testing.make_federation(code="fbd")
    unit = testing.make_unit(federation, code="kansli")
    manager = testing.make_unit_manager(unit)
    assignment = RoleAssignment.objects.get(user=manager)
    url = history_url(assignment)
    assert url == f"/historik/accounts/roleassignment/{manager.username}/unit_manager/kansli/"
    client.force_login(testing.make_controller())
    assert client.get(url).status_code == 403
    client.force_login(testing.make_user(Role.ADMIN))
    response = client.get(url)
    assert response.status_code == 200
    assert "skapade" in response.content.decode()


def test_the_unit_page_links_to_the_full_history_only_for_those_who_may_open_it(client, unit):
    page = reverse("orgs:unit", args=[unit.code])
    client.force_login(testing.make_controller())
    assert 'href="/historik/orgs/unit/kansli/"' in client.get(page).content.decode()
    client.force_login(testing.make_reader())
    assert "/historik/" not in client.get(page).content.decode()
