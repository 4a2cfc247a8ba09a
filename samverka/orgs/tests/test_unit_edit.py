import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    federation = testing.make_federation()
    return testing.make_unit(federation, name="Kunskap"), testing.make_unit(
        federation, name="Välfärd"
    )


def _post(client, unit, **data):
    payload = {
        "name": unit.name,
        "manager_name": "",
        "description": "",
        "seen_version": unit.version,
    }
    return client.post(reverse("orgs:unit_edit", args=[unit.code]), payload | data)


def test_a_unit_manager_edits_their_own_unit(client, units):
    own, _other = units
    client.force_login(testing.make_unit_manager(own))
    response = _post(client, own, manager_name="Anna Andersson")
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.manager_name == "Anna Andersson"


def test_a_unit_manager_cannot_edit_another_unit(client, units):
    own, other = units
    client.force_login(testing.make_unit_manager(own))
    assert client.get(reverse("orgs:unit_edit", args=[other.code])).status_code == 403
    response = _post(client, other, manager_name="Inte jag")
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.manager_name == ""


def test_a_reader_cannot_edit_any_unit(client, units):
    own, _other = units
    client.force_login(testing.make_reader())
    assert _post(client, own, manager_name="X").status_code == 403


def test_every_edit_leaves_an_audit_entry_with_before_and_after(client, units):
    own, _other = units
    user = testing.make_controller()
    client.force_login(user)
    _post(client, own, name="Kunskapsutveckling")
    entry = LogEntry.objects.filter(action="updated", object_id=str(own.pk)).get()
    assert entry.user == user
    assert entry.data["changes"]["name"] == {"before": "Kunskap", "after": "Kunskapsutveckling"}
    history = client.get(reverse("audit:history", args=["orgs", "unit", own.code]))
    assert "Kunskapsutveckling" in history.content.decode()
    assert user.username in history.content.decode()


def test_creating_and_deleting_are_logged_too():
    federation = testing.make_federation()
    unit = testing.make_unit(federation, name="Tillfällig")
    pk = str(unit.pk)
    unit.delete()
    actions = list(
        LogEntry.objects.filter(object_id=pk, content_type__model="unit")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["created", "deleted"]
    deleted = LogEntry.objects.get(object_id=pk, action="deleted")
    assert deleted.data["changes"]["name"]["before"] == "Tillfällig"


def test_a_concurrent_edit_is_refused_and_shows_the_newer_value(client, units):
    own, _other = units
    client.force_login(testing.make_controller())
    seen = own.version
    assert _post(client, own, manager_name="Första").status_code == 302
    response = client.post(
        reverse("orgs:unit_edit", args=[own.code]),
        {"name": own.name, "manager_name": "Andra", "description": "", "seen_version": seen},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Första" in page
    assert "Någon annan har sparat" in page
    own.refresh_from_db()
    assert own.manager_name == "Första"
