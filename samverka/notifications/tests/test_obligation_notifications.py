"""Reporting obligations due soon or missed: the controllers are told once per due date."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from samverka.core import testing
from samverka.decisions.models import AgendaItem, Meeting, ReportingObligation
from samverka.notifications.models import Preference
from samverka.notifications.tests._people import with_email
from samverka.orgs.models import GoverningBody

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def obligation(settings):
    settings.SAMVERKA_BASE_URL = "https://samverka.example.se"
    settings.SAMVERKA_REMINDER_DAYS = 7
    federation = testing.make_federation()
    board = GoverningBody.objects.create(
        federation=federation, code="direktion", name="Direktionen", kind="board"
    )
    review = ReportingObligation.objects.create(
        code="fordjupning",
        title="Fördjupning minst en gång per halvår",
        reporter="Omställning Skaraborg",
        body=board,
        kind=ReportingObligation.Kind.INTERVAL,
        interval_months=6,
        tracked_from=D(2026, 1, 1),
    )
    meeting = Meeting.objects.create(body=board, date=D(2026, 3, 14))
    AgendaItem.objects.create(meeting=meeting, order=1, title="Fördjupning").fulfils.set([review])
    return review  # met on 2026-03-14: next due 2026-09-14


@pytest.fixture
def people():
    return {
        "ekonom": with_email(testing.make_controller_named("ekonom"), "ekonom@example.se"),
        "ekonom2": with_email(testing.make_controller_named("ekonom2"), "ekonom2@example.se"),
        "reader": with_email(testing.make_reader(), "lasare@example.se"),
    }


def test_a_report_due_within_the_week_is_told_to_each_controller_once(obligation, people, sent):
    with sent():
        call_command("notify", "--date", "2026-09-01")  # 13 days before: not yet
    assert mail.outbox == []
    with sent():
        call_command("notify", "--date", "2026-09-08")
        call_command("notify", "--date", "2026-09-08")
    assert sorted(m.to[0] for m in mail.outbox) == ["ekonom2@example.se", "ekonom@example.se"]
    message = mail.outbox[0]
    assert message.subject == "Rapportering senast 2026-09-14: Fördjupning minst en gång per halvår"
    assert "Omställning Skaraborg ska rapportera" in message.body
    assert "till Direktionen senast 2026-09-14" in message.body
    assert "https://samverka.example.se/beslut/rapportering/" in message.body


def test_a_missed_report_is_told_once_and_an_opted_out_controller_is_skipped(
    obligation, people, sent
):
    Preference.objects.create(user=people["ekonom2"], obligation_missed=False)
    with sent():
        call_command("notify", "--date", "2026-09-20")
        call_command("notify", "--date", "2026-09-21")
    (message,) = mail.outbox
    assert message.to == ["ekonom@example.se"]
    assert message.subject == "Missad rapportering 2026-09-14: Fördjupning minst en gång per halvår"
    assert "skulle ha gjorts senast 2026-09-14" in message.body


def test_a_miss_from_long_ago_is_not_sent_as_news(obligation, people, sent):
    with sent():
        call_command("notify", "--date", "2027-01-20")  # missed 2026-09-14, four months ago
    assert [m for m in mail.outbox if "Missad" in m.subject] == []
