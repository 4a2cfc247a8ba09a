import datetime

import pytest
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.plan import followup
from samverka.plan.models import ActivityReport, ActivityStatus, RoundClosedError
from samverka.plan.testing import make_activity, make_priority_area

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 8, 31)


@pytest.fixture
def plan():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    unit = testing.make_unit(federation, name="Regional utveckling")
    area = make_priority_area(period, title="Hållbar samhällsplanering")
    anna = testing.make_user(Role.READER, username="anna")
    bertil = testing.make_user(Role.READER, username="bertil")
    return {
        "period": period,
        "unit": unit,
        "anna": anna,
        "bertil": bertil,
        "annas": make_activity(area, title="Bostadsförsörjning", owner=anna, owner_name="Anna A"),
        "bertils": make_activity(
            area, title="Klimatsamarbete", owner=bertil, owner_name="Bertil B"
        ),
        "unowned": make_activity(area, title="Investeringsfrämjande", unit=unit),
    }


def _report(client, round_, activity, **data):
    """Post the report form as the browser would, carrying the version the form showed."""
    current = ActivityReport.objects.filter(round=round_, activity=activity).first()
    payload = {
        "seen_version": current.version if current else 0,
        "status_date": "2026-08-20",
        "status": ActivityStatus.ONGOING,
        "judgement": "on_track",
        "comment": "Arbetet pågår.",
    } | data
    return client.post(reverse("plan:report", args=[round_.code, activity.code]), payload)


def test_the_controller_opens_a_round_from_the_round_page(client, plan):
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("plan:rounds") + "?ar=2026",
        {"title": "Uppföljning augusti 2026", "deadline": "2026-08-31"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Uppföljning augusti 2026" in page
    assert "2026-08-31" in page


def test_a_round_lists_the_activities_and_owners_that_have_not_reported(client, plan):
    round_ = followup.open_round(
        plan["period"], code="aug-2026", title="Uppföljning augusti 2026", deadline=DEADLINE
    )
    client.force_login(plan["anna"])
    assert _report(client, round_, plan["annas"]).status_code == 302

    assert [a.title for a in followup.missing(round_)] == [
        "Klimatsamarbete",
        "Investeringsfrämjande",
    ]
    page = client.get(reverse("plan:round", args=[round_.code])).content.decode()
    assert "2 aktiviteter saknar rapport" in page
    assert "Bertil B" in page
    assert "Ingen aktivitetsägare angiven" in page
    assert "Arbetet pågår." in page


def test_a_report_updates_the_activity_status(client, plan):
    round_ = followup.open_round(plan["period"], code="r", title="R", deadline=DEADLINE)
    client.force_login(plan["anna"])
    _report(client, round_, plan["annas"], status=ActivityStatus.DELAYED, judgement="at_risk")
    plan["annas"].refresh_from_db()
    assert plan["annas"].status == ActivityStatus.DELAYED


def test_closing_a_round_freezes_its_answers(client, plan):
    round_ = followup.open_round(plan["period"], code="r", title="R", deadline=DEADLINE)
    client.force_login(plan["anna"])
    _report(client, round_, plan["annas"], comment="Före stängning")
    controller = testing.make_controller()
    client.force_login(controller)
    assert client.post(reverse("plan:round_close", args=[round_.code])).status_code == 302

    client.force_login(plan["anna"])
    response = _report(client, round_, plan["annas"], comment="Efter stängning")
    assert response.status_code == 302
    report = ActivityReport.objects.get(round=round_, activity=plan["annas"])
    assert report.comment == "Före stängning"
    report.comment = "ändrad direkt"
    with pytest.raises(RoundClosedError):
        report.save()
    page = client.get(reverse("plan:round", args=[round_.code])).content.decode()
    assert "svaren är låsta" in page


def test_the_next_round_starts_from_the_previous_rounds_answers(client, plan):
    first = followup.open_round(plan["period"], code="r1", title="Maj", deadline=DEADLINE)
    client.force_login(plan["anna"])
    _report(client, first, plan["annas"], comment="Tre kommuner klara", judgement="at_risk")
    followup.close_round(first)

    second = followup.open_round(plan["period"], code="r2", title="Augusti", deadline=DEADLINE)
    assert second.previous == first
    page = client.get(reverse("plan:report", args=[second.code, plan["annas"].code])).content
    page = page.decode()
    assert "Tre kommuner klara" in page
    assert 'value="at_risk" selected' in page
    assert "ifyllt med svaret från Maj" in page
    # Prefilled is not reported: the owner still has to save it in the new round.
    assert plan["annas"] in followup.missing(second)


def test_an_owner_cannot_report_on_someone_elses_activity(client, plan):
    round_ = followup.open_round(plan["period"], code="r", title="R", deadline=DEADLINE)
    client.force_login(plan["anna"])
    assert (
        client.get(reverse("plan:report", args=[round_.code, plan["bertils"].code])).status_code
        == 403
    )
    assert _report(client, round_, plan["bertils"]).status_code == 403
    assert not ActivityReport.objects.filter(activity=plan["bertils"]).exists()


def test_a_reader_cannot_report_and_the_unit_manager_can(client, plan):
    round_ = followup.open_round(plan["period"], code="r", title="R", deadline=DEADLINE)
    client.force_login(testing.make_reader())
    assert _report(client, round_, plan["unowned"]).status_code == 403
    client.force_login(testing.make_unit_manager(plan["unit"]))
    assert _report(client, round_, plan["unowned"]).status_code == 302
    assert ActivityReport.objects.filter(activity=plan["unowned"]).exists()


def test_only_the_controller_closes_a_round(client, plan):
    round_ = followup.open_round(plan["period"], code="r", title="R", deadline=DEADLINE)
    client.force_login(plan["anna"])
    assert client.post(reverse("plan:round_close", args=[round_.code])).status_code == 403
    round_.refresh_from_db()
    assert round_.is_open
