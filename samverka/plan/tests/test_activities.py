import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PeriodLockedError, Unit
from samverka.plan.models import Activity, ActivityLink, ActivityStatus
from samverka.plan.testing import make_activity, make_priority_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    area = make_priority_area(period, title="Digitalisering")
    owner = testing.make_user(Role.READER, username="ägare")
    return make_activity(area, title="Handslaget", owner=owner)


def _edit(client, activity, **data):
    payload = {
        "title": activity.title,
        "description": "",
        "unit": "",
        "owner_name": "",
        "start": "",
        "end": "",
        "status": activity.status,
        "seen_version": activity.version,
    }
    return client.post(reverse("plan:activity_edit", args=[activity.code]), payload | data)


def test_the_plan_index_shows_the_areas_and_not_given_for_missing_fields(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    page = client.get(reverse("plan:index")).content.decode()
    assert "Plan och uppföljning 2026" in page
    assert "Digitalisering ska genomsyra hela verksamheten" in page
    assert "Samordna kommuners gemensamma arbete med implementering av SKR:s Handslag" in page
    assert "ej angivet" in page
    assert "Välfärdsutveckling" in page


def test_the_owner_edits_their_activity(client, activity):
    client.force_login(activity.owner)
    response = _edit(client, activity, start="2026-02-01", end="2026-12-31", owner_name="Eva")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert str(activity.start) == "2026-02-01" and activity.owner_name == "Eva"


def test_someone_else_cannot_edit_the_activity(client, activity):
    client.force_login(testing.make_reader())
    assert client.get(reverse("plan:activity_edit", args=[activity.code])).status_code == 403
    assert _edit(client, activity, title="Kapad").status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Handslaget"


def test_an_end_before_the_start_is_refused_with_a_message(client, activity):
    client.force_login(testing.make_controller())
    response = _edit(client, activity, start="2026-05-01", end="2026-04-01")
    assert response.status_code == 200
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()


def test_after_adoption_only_the_status_of_an_activity_changes(client, activity):
    period = activity.priority_area.period
    decision = Decision.objects.create(
        federation=period.federation, date=datetime.date(2025, 12, 12), title="Budget 2026"
    )
    periods.adopt(period, decision)
    activity.refresh_from_db()
    activity.status = ActivityStatus.ONGOING
    activity.save()
    activity.title = "Ändrad efter antagandet"
    with pytest.raises(PeriodLockedError):
        activity.save()
    client.force_login(activity.owner)
    page = client.get(reverse("plan:activity_edit", args=[activity.code])).content.decode()
    assert "bara status kan ändras" in page
    assert 'name="title"' not in page


def test_an_activity_links_to_any_registered_object(client, activity):
    unit = Unit.objects.create(
        federation=activity.priority_area.period.federation,
        code="digi",
        name="Digitalisering",
        kind=Unit.Kind.DEVELOPMENT_AREA,
    )
    client.force_login(activity.owner)
    content_type = ContentType.objects.get_for_model(Unit)
    response = client.post(
        reverse("plan:activity_link_add", args=[activity.code]),
        {"target": f"{content_type.pk}:{unit.pk}", "label": ""},
    )
    assert response.status_code == 302
    link = ActivityLink.objects.get(activity=activity)
    assert link.target == unit
    page = client.get(reverse("plan:activity", args=[activity.code])).content.decode()
    assert "Enhet: Digitalisering" in page


def test_a_link_to_an_unregistered_model_is_refused(client, activity):
    client.force_login(activity.owner)
    content_type = ContentType.objects.get_for_model(Activity)
    client.post(
        reverse("plan:activity_link_add", args=[activity.code]),
        {"target": f"{content_type.pk}:{activity.pk}"},
    )
    assert not ActivityLink.objects.exists()


def test_a_concurrent_edit_of_an_activity_is_refused_with_the_newer_value(client, activity):
    client.force_login(testing.make_controller())
    seen = activity.version
    assert _edit(client, activity, owner_name="Första").status_code == 302
    response = _edit(client, activity, owner_name="Andra", seen_version=seen)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat" in page and "Första" in page
    activity.refresh_from_db()
    assert activity.owner_name == "Första"
