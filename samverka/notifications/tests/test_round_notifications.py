"""A follow-up round opened, and closing soon: each activity owner is told once, by e-mail,
with their own activities and the absolute link to the round."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from samverka.accounts.models import Role
from samverka.core import testing
from samverka.notifications.models import Notification, Preference
from samverka.notifications.tests._people import with_email
from samverka.plan import followup
from samverka.plan import testing as pt

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def plan(settings):
    settings.SAMVERKA_BASE_URL = "https://samverka.example.se"
    settings.SAMVERKA_REMINDER_DAYS = 7
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2026)
    unit = testing.make_unit(federation, name="Regional utveckling", code="regional")
    area = pt.make_priority_area(period)
    anna = with_email(testing.make_user(Role.READER, username="anna"), "anna@example.se")
    chef = with_email(testing.make_unit_manager(unit), "chef@example.se")
    with_email(testing.make_reader(), "ingen@example.se")  # owns nothing: told nothing
    owned = pt.make_activity(area, title="Kompetensförsörjning", owner=anna, unit=unit)
    by_unit = pt.make_activity(area, title="Besöksnäring", unit=unit)
    return {"period": period, "anna": anna, "chef": chef, "owned": owned, "by_unit": by_unit}


def _open(plan, sent):
    with sent():
        return followup.open_round(
            plan["period"],
            code="aug-2026",
            title="Uppföljning augusti 2026",
            deadline=D(2026, 9, 15),
        )


def test_opening_a_round_tells_each_owner_their_activities(plan, sent):
    _open(plan, sent)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["anna@example.se", "chef@example.se"]
    anna = by_address["anna@example.se"]
    assert anna.subject == (
        "Uppföljningen ”Uppföljning augusti 2026” är öppen – rapportera senast 2026-09-15"
    )
    assert "• Kompetensförsörjning" in anna.body and "Besöksnäring" not in anna.body
    assert "https://samverka.example.se/plan/uppfoljning/aug-2026/" in anna.body
    assert "https://samverka.example.se/konto/aviseringar/" in anna.body
    # An activity without a user as owner goes to its unit's managers.
    chef = by_address["chef@example.se"]
    assert "• Besöksnäring" in chef.body and "Kompetensförsörjning" not in chef.body


def test_a_user_who_turned_it_off_gets_nothing(plan, sent):
    Preference.objects.create(user=plan["anna"], round_opened=False)
    _open(plan, sent)
    assert [m.to for m in mail.outbox] == [["chef@example.se"]]


def test_nothing_is_sent_when_the_opening_rolls_back(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        followup.open_round(
            plan["period"], code="aug-2026", title="Uppföljning", deadline=D(2026, 9, 15)
        )
    assert mail.outbox == [] and len(callbacks) == 2  # sent only once the round is committed


def test_the_daily_reminder_goes_to_those_who_have_not_reported_and_only_once(plan, sent):
    round_ = _open(plan, sent)
    mail.outbox.clear()
    followup.submit_report(
        round_,
        plan["owned"],
        plan["anna"],
        status="ongoing",
        judgement="on_track",
        comment="Går enligt plan.",
        status_date=D(2026, 9, 1),
    )
    call_command("notify", "--date", "2026-09-01")  # 14 days before: too early
    assert mail.outbox == []
    with sent():
        call_command("notify", "--date", "2026-09-10")
    (reminder,) = mail.outbox
    assert reminder.to == ["chef@example.se"]
    assert reminder.subject == (
        "Påminnelse: rapportera i ”Uppföljning augusti 2026” senast 2026-09-15"
    )
    assert "stänger 2026-09-15." in reminder.body and "• Besöksnäring" in reminder.body
    with sent():
        call_command("notify", "--date", "2026-09-11")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind="round_closing").count() == 1
