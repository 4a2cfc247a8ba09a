"""Registering agenda items, and the reports given at a meeting, on the meeting page."""

import datetime

import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.decisions import obligations
from samverka.decisions.models import AgendaItem, Meeting, ReportingObligation
from samverka.orgs.models import GoverningBody

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def board():
    federation = testing.make_federation()
    return GoverningBody.objects.create(
        federation=federation, code="direktion-a", name="Direktionen", kind="board"
    )


@pytest.fixture
def regular(board):
    """A report due at every meeting, followed up from 2025."""
    return ReportingObligation.objects.create(
        code="lopande-rapport",
        title="Löpande rapport om Omställning Skaraborg",
        reporter="Programchefen",
        body=board,
        kind=ReportingObligation.Kind.EVERY_MEETING,
        tracked_from=D(2025, 1, 1),
    )


@pytest.fixture
def missed_meeting(board):
    return Meeting.objects.create(body=board, date=D(2025, 10, 10))


def _url(meeting: Meeting) -> str:
    return reverse("decisions:meeting", args=[meeting.body.code, f"{meeting.date:%Y-%m-%d}"])


def _item_url(item: AgendaItem, name: str = "decisions:agenda_item_edit") -> str:
    meeting = item.meeting
    return reverse(name, args=[meeting.body.code, f"{meeting.date:%Y-%m-%d}", item.order])


def _add(client, meeting, **data):
    payload = {"title": "Rapport Omställning Skaraborg", "outcome": "", "seen_version": 0}
    return client.post(_url(meeting), payload | data)


def test_a_missed_report_is_cleared_by_registering_the_agenda_item_that_gave_it(
    client, regular, missed_meeting
):
    client.force_login(testing.make_controller())
    page = client.get(reverse("decisions:obligations")).content.decode()
    assert "1 missat: " in page
    # The missed date leads to the meeting where the report can be registered.
    assert f'href="{_url(missed_meeting)}#ny-punkt"' in page
    assert [d.due for d in obligations.missed(regular)] == [D(2025, 10, 10)]

    form_page = client.get(_url(missed_meeting)).content.decode()
    assert "Lägg till punkt på dagordningen" in form_page
    assert "Löpande rapport om Omställning Skaraborg" in form_page  # the checkbox to tick

    response = _add(client, missed_meeting, fulfils=[regular.pk])
    assert response.status_code == 302
    assert response["Location"] == _url(missed_meeting)

    assert obligations.missed(regular) == []
    page = client.get(reverse("decisions:obligations")).content.decode()
    assert "missat" not in page
    meeting_page = client.get(_url(missed_meeting)).content.decode()
    assert "Rapport Omställning Skaraborg" in meeting_page
    assert "Uppfyller" in meeting_page


def test_a_half_year_review_given_at_a_meeting_clears_the_overdue_review(client, board):
    review = ReportingObligation.objects.create(
        code="fordjupning-a",
        title="Fördjupning minst en gång per halvår",
        reporter="Programchefen",
        body=board,
        kind=ReportingObligation.Kind.INTERVAL,
        interval_months=6,
        tracked_from=D(2025, 1, 1),
    )
    meeting = Meeting.objects.create(body=board, date=D(2025, 5, 16))
    assert [d.due for d in obligations.missed(review, D(2025, 8, 1))] == [D(2025, 7, 1)]
    client.force_login(testing.make_controller())
    _add(client, meeting, title="Fördjupning", fulfils=[review.pk])
    assert obligations.missed(review, D(2025, 8, 1)) == []


def test_each_registered_item_leaves_an_audit_entry_by_the_controller(
    client, regular, missed_meeting
):
    controller = testing.make_controller()
    client.force_login(controller)
    _add(client, missed_meeting, fulfils=[regular.pk])
    item = AgendaItem.objects.get(meeting=missed_meeting)
    entry = LogEntry.objects.get(
        content_type__model="agendaitem", object_id=str(item.pk), action="created"
    )
    assert entry.user == controller
    assert entry.data["changes"]["title"]["after"] == "Rapport Omställning Skaraborg"


def test_items_are_numbered_after_the_existing_agenda(client, missed_meeting):
    AgendaItem.objects.create(meeting=missed_meeting, order=1, title="Budget")
    client.force_login(testing.make_controller())
    _add(client, missed_meeting)
    assert list(missed_meeting.agenda.values_list("order", "title")) == [
        (1, "Budget"),
        (2, "Rapport Omställning Skaraborg"),
    ]


def test_an_item_without_a_title_is_refused_with_a_swedish_message_on_the_field(
    client, regular, missed_meeting
):
    client.force_login(testing.make_controller())
    response = _add(client, missed_meeting, title="", fulfils=[regular.pk])
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'href="#id_title"' in page
    assert "Detta fält måste fyllas i." in page
    assert not AgendaItem.objects.exists()
    assert obligations.missed(regular) != []


def test_readers_and_unit_managers_see_no_form_and_may_not_register(
    client, regular, missed_meeting
):
    federation = missed_meeting.body.federation
    for user in (testing.make_reader(), testing.make_unit_manager(testing.make_unit(federation))):
        client.force_login(user)
        page = client.get(_url(missed_meeting)).content.decode()
        assert "Lägg till punkt på dagordningen" not in page
        assert _add(client, missed_meeting, fulfils=[regular.pk]).status_code == 403
    assert not AgendaItem.objects.exists()


def test_someone_not_logged_in_is_sent_to_the_login_page(client, missed_meeting):
    response = _add(client, missed_meeting)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not AgendaItem.objects.exists()


def test_the_controller_corrects_an_item_and_a_report_ticked_by_mistake_counts_as_missed_again(
    client, regular, missed_meeting
):
    item = AgendaItem.objects.create(meeting=missed_meeting, order=1, title="Rapprot")
    item.fulfils.set([regular])
    assert obligations.missed(regular) == []
    client.force_login(testing.make_controller())
    assert client.get(_item_url(item)).status_code == 200
    response = client.post(
        _item_url(item), {"title": "Rapport", "outcome": "Noterades.", "seen_version": item.version}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.outcome) == ("Rapport", "Noterades.")
    assert list(item.fulfils.all()) == []
    assert [d.due for d in obligations.missed(regular)] == [D(2025, 10, 10)]


def test_a_stale_edit_of_an_item_is_refused_and_shows_the_newer_title(client, missed_meeting):
    item = AgendaItem.objects.create(meeting=missed_meeting, order=1, title="Budget")
    seen = item.version
    item.title = "Budget 2026"
    item.save()
    client.force_login(testing.make_controller())
    response = client.post(_item_url(item), {"title": "Budgeten", "seen_version": seen})
    assert response.status_code == 200
    assert "Någon annan har sparat ett nytt värde: Budget 2026" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Budget 2026"


def test_the_controller_removes_an_item_and_the_removal_is_logged(client, missed_meeting):
    item = AgendaItem.objects.create(meeting=missed_meeting, order=1, title="Felregistrerad")
    pk = str(item.pk)
    client.force_login(testing.make_controller())
    response = client.post(_item_url(item, "decisions:agenda_item_delete"))
    assert response["Location"] == _url(missed_meeting)
    assert not AgendaItem.objects.exists()
    assert LogEntry.objects.filter(object_id=pk, action="deleted").exists()


def test_a_reader_may_neither_edit_nor_remove_an_item(client, missed_meeting):
    item = AgendaItem.objects.create(meeting=missed_meeting, order=1, title="Budget")
    client.force_login(testing.make_reader())
    assert client.get(_item_url(item)).status_code == 403
    assert client.post(_item_url(item), {"title": "X", "seen_version": 1}).status_code == 403
    assert client.post(_item_url(item, "decisions:agenda_item_delete")).status_code == 403
    item.refresh_from_db()
    assert item.title == "Budget"
