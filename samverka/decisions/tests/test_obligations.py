import datetime

import pytest
from django.urls import reverse

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
        federation=federation,
        code="direktion-x",
        name="Direktionen",
        kind="board",
        is_decision_making=True,
    )


def _obligation(board, **kwargs):
    defaults = {
        "code": "fordjupning",
        "title": "Fördjupning minst en gång per halvår",
        "reporter": "Omställning Skaraborg",
        "body": board,
        "kind": ReportingObligation.Kind.INTERVAL,
        "interval_months": 6,
        "tracked_from": D(2025, 1, 1),
    }
    return ReportingObligation.objects.create(**(defaults | kwargs))


def _meeting(board, day, fulfils=()):
    meeting = Meeting.objects.create(body=board, date=day)
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Omställning Skaraborg")
    item.fulfils.set(fulfils)
    return meeting


def test_a_missed_half_year_review_is_flagged(board):
    review = _obligation(board)
    _meeting(board, D(2025, 3, 14), [review])
    _meeting(board, D(2025, 11, 7))  # no deep review: the half-year after March is missed
    today = D(2026, 1, 15)
    states = [(d.due, d.state) for d in obligations.schedule(review, today)]
    assert states == [
        (D(2025, 7, 1), "met"),
        (D(2025, 9, 14), "missed"),
        (D(2026, 3, 14), "upcoming"),
    ]
    assert [d.due for d in obligations.missed(review, today)] == [D(2025, 9, 14)]


def test_a_review_in_time_is_not_flagged(board):
    review = _obligation(board)
    _meeting(board, D(2025, 5, 2), [review])
    _meeting(board, D(2025, 10, 10), [review])
    assert obligations.missed(review, D(2026, 1, 15)) == []
    assert obligations.next_due(review, D(2026, 1, 15)).due == D(2026, 4, 10)


def test_a_board_meeting_without_the_regular_report_is_flagged(board):
    regular = _obligation(
        board, code="lopande", kind=ReportingObligation.Kind.EVERY_MEETING, interval_months=None
    )
    _meeting(board, D(2025, 9, 5), [regular])
    _meeting(board, D(2025, 10, 10))
    _meeting(board, D(2026, 2, 6))
    today = D(2025, 12, 1)
    assert [(d.due, d.state) for d in obligations.schedule(regular, today)] == [
        (D(2025, 9, 5), "met"),
        (D(2025, 10, 10), "missed"),
        (D(2026, 2, 6), "upcoming"),
    ]


def test_an_obligation_is_not_followed_up_before_it_is_tracked(board):
    review = _obligation(board, tracked_from=None)
    _meeting(board, D(2020, 1, 1))
    assert obligations.schedule(review) == []


def test_the_obligations_page_flags_missed_reviews(client, board):
    _obligation(board, tracked_from=D(2020, 1, 1))
    client.force_login(testing.make_reader())
    page = client.get(reverse("decisions:obligations")).content.decode()
    assert "Fördjupning minst en gång per halvår" in page
    assert "missade" in page and "2020-07-01" in page


def test_the_controller_records_a_meeting_whose_agenda_item_fulfils_the_review(client, board):
    review = _obligation(board, tracked_from=D(2026, 1, 1))
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("decisions:meetings"),
        {"body": board.pk, "date": "2026-03-13", "title": "", "note": "", "seen_version": 0},
    )
    assert response["Location"] == reverse("decisions:meeting", args=[board.code, "2026-03-13"])
    response = client.post(
        response["Location"],
        {
            "title": "Fördjupning Omställning Skaraborg",
            "outcome": "",
            "fulfils": [review.pk],
            "seen_version": 0,
        },
    )
    assert response.status_code == 302
    assert obligations.schedule(review, D(2026, 4, 1))[0].met_on == D(2026, 3, 13)


def test_a_reader_cannot_record_meetings_or_start_tracking(client, board):
    review = _obligation(board, tracked_from=None)
    client.force_login(testing.make_reader())
    response = client.post(
        reverse("decisions:meetings"), {"body": board.pk, "date": "2026-03-13", "seen_version": 0}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("decisions:obligations"),
        {"code": review.code, "tracked_from": "2026-01-01", "seen_version": review.version},
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.tracked_from is None and not Meeting.objects.exists()


def test_the_controller_starts_tracking_an_obligation(client, board):
    review = _obligation(board, tracked_from=None)
    client.force_login(testing.make_controller())
    client.post(
        reverse("decisions:obligations"),
        {"code": review.code, "tracked_from": "2026-01-01", "seen_version": review.version},
    )
    review.refresh_from_db()
    assert review.tracked_from == D(2026, 1, 1)
