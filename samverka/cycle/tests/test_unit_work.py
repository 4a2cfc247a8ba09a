"""A unit head's work on a small federation: the unit's text and comments, what the new year's
codes look like, and an adopted year that no longer takes submissions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import FeeModel
from samverka.budget.testing import make_line
from samverka.core import testing
from samverka.cycle import rollover, submissions
from samverka.cycle.models import ReviewComment, UnitSubmission
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.plan.models import Activity
from samverka.plan.testing import make_activity, make_priority_area
from samverka.reports.models import PlanText

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    federation = testing.make_federation()
    unit = testing.make_unit(federation, code="utveckling", name="Utveckling")
    period = testing.make_period(federation, 2028)
    make_line(period, unit, "personnel", -500_000, code="personal")
    make_line(period, unit, "member_fees", 500_000, code="avgifter")
    FeeModel.objects.create(
        period=period,
        rate_per_inhabitant=Decimal("20"),
        population_reference_date=datetime.date(2028, 2, 29),
        budgeted_income=Decimal("500000"),
    )
    area = make_priority_area(period, code="samverkan")
    make_activity(area, code="samverkan")
    controller = testing.make_controller()
    new = rollover.start_next_year(period, controller)
    return {
        "unit": unit,
        "new": new,
        "controller": controller,
        "head": testing.make_unit_manager(unit),
    }


def test_a_new_year_gets_its_own_activity_codes_and_a_valid_reference_date(world):
    assert list(
        Activity.objects.filter(priority_area__period=world["new"]).values_list("code", flat=True)
    ) == ["2029-samverkan"]
    assert FeeModel.objects.get(period=world["new"]).population_reference_date == datetime.date(
        2029, 2, 28
    )


def test_the_unit_head_writes_the_units_text_and_comments_while_it_is_a_draft(client, world):
    client.force_login(world["head"])
    url = reverse("cycle:unit_text", args=[2029, "utveckling"])
    response = client.post(url, {"text": "Vi bygger ut utbildningen.", "seen_version": 0})
    assert response.status_code == 302
    text = PlanText.objects.get(period=world["new"], section="enhet", unit=world["unit"])
    assert text.text == "Vi bygger ut utbildningen."
    client.post(reverse("cycle:comment", args=[2029, "utveckling"]), {"text": "Klart för er?"})
    page = client.get(reverse("cycle:unit", args=[2029, "utveckling"])).content.decode()
    assert "Vi bygger ut utbildningen." in page and "Klart för er?" in page
    assert ReviewComment.objects.get().author == world["head"]


def test_a_second_submit_with_the_same_version_is_refused(world):
    submission = submissions.for_unit(world["new"], world["unit"])
    submissions.submit(submission, world["head"], 1)
    with pytest.raises(submissions.TransitionError, match="under tiden"):
        submissions.submit(submission, world["head"], 1)


def test_an_adopted_year_takes_no_more_submissions_or_comments(world):
    new, controller = world["new"], world["controller"]
    submission = submissions.for_unit(new, world["unit"])
    submissions.submit(submission, world["head"], 1)
    submissions.approve(submission, controller, 2)
    submissions.consolidate(new, controller)
    decision = Decision.objects.create(
        federation=new.federation, date=datetime.date(2028, 12, 1), title="Budget 2029"
    )
    periods.adopt(new, decision, errors_acknowledged=True)
    with pytest.raises(submissions.TransitionError, match="antaget"):
        submissions.send_back(submission, controller, "För sent", 3)
    with pytest.raises(submissions.TransitionError, match="antaget"):
        submissions.add_comment(submission, controller, "För sent")
    assert UnitSubmission.objects.get(period=new).status == UnitSubmission.Status.APPROVED


def test_an_adopted_year_that_never_went_through_the_process_shows_no_panel(client):
    from samverka.core.seeding import load_skaraborg

    load_skaraborg()
    client.force_login(testing.make_controller())
    adopted = client.get(reverse("budget:unit", args=[2025, "kunskapsutveckling"]))
    draft = client.get(reverse("budget:unit", args=[2026, "kunskapsutveckling"]))
    assert "Budgetprocess 2025" not in adopted.content.decode()
    assert "Budgetprocess 2026" in draft.content.decode()
