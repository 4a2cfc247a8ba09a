import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from samverka.core import testing
from samverka.decisions.models import Decision, DecisionLink
from samverka.orgs.models import GoverningBody
from samverka.plan import activity_plans
from samverka.plan.models import ActivityPlan, PlanActivity, PlanVersionLockedError
from samverka.plan.testing import make_plan, make_plan_activity, make_programme

pytestmark = pytest.mark.django_db


def _decision(federation, day=7):
    return Decision.objects.create(
        federation=federation, date=datetime.date(2026, 2, day), title="Aktivitetsplan 2026"
    )


@pytest.fixture
def adopted():
    federation = testing.make_federation()
    programme = make_programme(federation, focus_areas=("Etablering", "Kompetens"))
    etablering, kompetens = programme.focus_areas.all()
    plan = make_plan(programme, 2026)
    kept = make_plan_activity(plan, etablering, title="Etableringsstöd", responsible="Chef OS")
    moved = make_plan_activity(plan, etablering, title="Kompetenskartläggning")
    dropped = make_plan_activity(plan, kompetens, title="Mässa i Skövde")
    activity_plans.adopt(plan, _decision(federation))
    return {
        "federation": federation,
        "programme": programme,
        "plan": plan,
        "kept": kept,
        "moved": moved,
        "dropped": dropped,
        "kompetens": kompetens,
    }


def test_an_adopted_version_refuses_changes():
    federation = testing.make_federation()
    programme = make_programme(federation)
    plan = make_plan(programme)
    activity = make_plan_activity(plan, title="Före")
    activity_plans.adopt(plan, _decision(federation))
    activity.title = "Efter"
    with pytest.raises(PlanVersionLockedError):
        activity.save()
    with pytest.raises(PlanVersionLockedError):
        make_plan_activity(plan, title="Ny")
    with pytest.raises(PlanVersionLockedError):
        activity.delete()
    assert PlanActivity.objects.get(pk=activity.pk).title == "Före"


def test_adoption_records_the_decision_and_links_it_to_the_version(adopted):
    plan = ActivityPlan.objects.get(pk=adopted["plan"].pk)
    assert plan.status == ActivityPlan.Status.ADOPTED
    link = DecisionLink.objects.get(decision=plan.decision)
    assert link.content_type == ContentType.objects.get_for_model(ActivityPlan)
    assert link.target == plan


def test_a_revision_keeps_the_adopted_version_unchanged(adopted):
    draft = activity_plans.revise(adopted["plan"])
    assert draft.number == 2 and draft.status == ActivityPlan.Status.DRAFT
    changed = draft.activities.get(key=adopted["moved"].key)
    changed.focus_area = adopted["kompetens"]
    changed.title = "Kompetenskartläggning 2.0"
    changed.save()
    draft.activities.get(key=adopted["dropped"].key).delete()
    make_plan_activity(draft, adopted["kompetens"], title="Nytt rådslag")

    original = adopted["plan"]
    assert sorted(original.activities.values_list("title", flat=True)) == [
        "Etableringsstöd",
        "Kompetenskartläggning",
        "Mässa i Skövde",
    ]
    assert original.activities.get(key=adopted["moved"].key).focus_area.name == "Etablering"

    activity_plans.adopt(draft, _decision(adopted["federation"], 20))
    original.refresh_from_db()
    assert original.status == ActivityPlan.Status.SUPERSEDED
    assert original.activities.count() == 3


def test_the_diff_shows_added_removed_and_changed_activities_field_by_field(adopted):
    draft = activity_plans.revise(adopted["plan"])
    changed = draft.activities.get(key=adopted["moved"].key)
    changed.focus_area = adopted["kompetens"]
    changed.end = datetime.date(2026, 6, 30)
    changed.save()
    draft.activities.get(key=adopted["dropped"].key).delete()
    make_plan_activity(draft, adopted["kompetens"], title="Nytt rådslag")

    diff = activity_plans.diff(adopted["plan"], draft)
    assert [a.title for a in diff.added] == ["Nytt rådslag"]
    assert [a.title for a in diff.removed] == ["Mässa i Skövde"]
    assert len(diff.changed) == 1
    fields = {c.field: (str(c.before or ""), str(c.after or "")) for c in diff.changed[0].changes}
    assert fields == {"focus_area": ("Etablering", "Kompetens"), "end": ("", "2026-06-30")}


def test_the_diff_page_shows_the_changes(client, adopted):
    draft = activity_plans.revise(adopted["plan"])
    c = draft.activities.get(key=adopted["kept"].key)
    c.responsible = "Regional utveckling"
    c.save()
    draft.activities.get(key=adopted["dropped"].key).delete()
    make_plan_activity(draft, adopted["kompetens"], title="Nytt rådslag")
    client.force_login(testing.make_reader())
    url = reverse("plan:plan_diff", args=[adopted["programme"].code, 2026]) + "?fran=1&till=2"
    page = client.get(url).content.decode()
    assert "Tillagd: 1 aktivitet" in page and "Nytt rådslag" in page
    assert "Borttagen: 1 aktivitet" in page and "Mässa i Skövde" in page
    assert "Ändrad: 1 aktivitet" in page
    assert "Chef OS" in page and "Regional utveckling" in page


def test_the_controller_revises_and_adopts_through_the_pages(client, adopted):
    client.force_login(testing.make_controller())
    code = adopted["programme"].code
    response = client.post(reverse("plan:plan_revise", args=[code, 2026, 1]))
    assert response["Location"] == reverse("plan:plan_version", args=[code, 2026, 2])
    etablering = adopted["programme"].focus_areas.get(name="Etablering")
    response = client.post(
        reverse("plan:plan_activity_add", args=[code, 2026, 2]),
        {"focus_area": etablering.pk, "title": "Ny aktivitet", "seen_version": 0},
    )
    assert response.status_code == 302
    board = GoverningBody.objects.create(
        federation=adopted["federation"],
        code="dir",
        name="Direktionen",
        kind="board",
        is_decision_making=True,
    )
    client.post(
        reverse("plan:plan_adopt", args=[code, 2026, 2]),
        {"body": board.pk, "date": "2026-06-12", "title": "Reviderad aktivitetsplan 2026"},
    )
    version = ActivityPlan.objects.get(programme=adopted["programme"], number=2)
    assert version.status == ActivityPlan.Status.ADOPTED
    assert version.decision.title == "Reviderad aktivitetsplan 2026"
    assert version.activities.filter(title="Ny aktivitet").exists()


def test_a_reader_cannot_revise_a_plan(client, adopted):
    client.force_login(testing.make_reader())
    response = client.post(reverse("plan:plan_revise", args=[adopted["programme"].code, 2026, 1]))
    assert response.status_code == 403
    assert ActivityPlan.objects.filter(programme=adopted["programme"]).count() == 1


def test_comparing_with_a_version_that_does_not_exist_is_not_found(client, adopted):
    client.force_login(testing.make_reader())
    url = reverse("plan:plan_diff", args=[adopted["programme"].code, 2026])
    assert client.get(url, {"fran": "1", "till": "9"}).status_code == 404
    assert client.get(url).status_code == 200
