"""The edit pages of units and activities are linked from where people look for them."""

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.plan.testing import make_activity, make_priority_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    federation = testing.make_federation()
    own, other = testing.make_unit(federation, name="Kunskap"), testing.make_unit(federation)
    area = make_priority_area(testing.make_period(federation, 2026), title="Kompetens")
    mine = make_activity(area, title="Teknikcollege", unit=own)
    theirs = make_activity(area, title="Vård- och omsorgscollege", unit=other)
    return own, other, mine, theirs


def test_a_unit_manager_finds_change_links_for_their_own_unit_and_activities_only(client, setting):
    own, other, mine, theirs = setting
    client.force_login(testing.make_unit_manager(own))
    units = client.get(reverse("orgs:units")).content.decode()
    assert f'href="{reverse("orgs:unit_edit", args=[own.code])}"' in units
    assert reverse("orgs:unit_edit", args=[other.code]) not in units
    plan = client.get(reverse("plan:index")).content.decode()
    assert f'href="{reverse("plan:activity_edit", args=[mine.code])}"' in plan
    assert reverse("plan:activity_edit", args=[theirs.code]) not in plan
    unit_page = client.get(reverse("orgs:unit", args=[own.code])).content.decode()
    assert reverse("orgs:unit_edit", args=[own.code]) in unit_page
    activity_page = client.get(reverse("plan:activity", args=[mine.code])).content.decode()
    assert reverse("plan:activity_edit", args=[mine.code]) in activity_page


def test_the_activity_owner_finds_the_change_link_in_the_priority_area_list(client, setting):
    _own, _other, _mine, theirs = setting
    owner = testing.make_reader()
    theirs.owner = owner
    theirs.save()
    client.force_login(owner)
    plan = client.get(reverse("plan:index")).content.decode()
    assert f'href="{reverse("plan:activity_edit", args=[theirs.code])}"' in plan


def test_a_reader_sees_no_change_links(client, setting):
    own, _other, mine, _theirs = setting
    client.force_login(testing.make_reader())
    assert "Ändra" not in client.get(reverse("orgs:units")).content.decode()
    assert "Ändra" not in client.get(reverse("plan:index")).content.decode()
