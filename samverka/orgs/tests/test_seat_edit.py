"""Seat holders and substitutes of the federation's bodies, edited on the body page."""

import datetime

import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.orgs.models import GoverningBody, Seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    """A board of two members with one ordinary member and one substitute each (2 + 2)."""
    federation = testing.make_federation()
    body = GoverningBody.objects.create(
        federation=federation, code="direktion-s", name="Direktionen", kind="board", intended_size=4
    )
    for code, name in (("1496", "Skövde"), ("1497", "Hjo")):
        member = testing.make_member(federation, name=name, municipality_code=code)
        Seat.objects.create(body=body, member=member, role=Seat.Role.ORDINARY)
        Seat.objects.create(body=body, member=member, role=Seat.Role.SUBSTITUTE)
    return body


@pytest.fixture
def group():
    federation = testing.make_federation()
    return GoverningBody.objects.create(
        federation=federation, code="referensgrupp-s", name="Referensgruppen", kind="presidium"
    )


def _seat(board, name="Skövde", role=Seat.Role.ORDINARY) -> Seat:
    return board.seats.get(member__name=name, role=role)


def _edit_url(seat, name="orgs:seat_edit"):
    return reverse(name, args=[seat.body.code, seat.key])


def _payload(seat, **data):
    return {
        "role": seat.role,
        "member": seat.member_id or "",
        "qualification": seat.qualification,
        "holder_name": seat.holder_name,
        "term_start": "",
        "term_end": "",
        "seen_version": seat.version,
    } | data


def _admin():
    return testing.make_user("admin")


def test_the_administrator_names_the_holder_and_term_of_a_seat(client, board):
    admin = _admin()
    client.force_login(admin)
    seat = _seat(board)
    assert client.get(_edit_url(seat)).status_code == 200
    response = client.post(
        _edit_url(seat),
        _payload(seat, holder_name="Anna Ek (S)", term_start="2023-01-01", term_end="2026-12-31"),
    )
    assert response["Location"] == reverse("orgs:body", args=[board.code])
    seat.refresh_from_db()
    assert seat.holder_name == "Anna Ek (S)"
    assert (seat.term_start, seat.term_end) == (
        datetime.date(2023, 1, 1),
        datetime.date(2026, 12, 31),
    )
    entry = LogEntry.objects.get(object_id=str(seat.pk), action="updated")
    assert entry.user == admin
    assert entry.data["changes"]["holder_name"] == {"before": "", "after": "Anna Ek (S)"}
    page = client.get(reverse("orgs:body", args=[board.code])).content.decode()
    assert "Anna Ek (S)" in page and "2023-01-01–2026-12-31" in page


def test_the_substitute_is_edited_apart_from_the_ordinary_member(client, board):
    client.force_login(_admin())
    substitute = _seat(board, role=Seat.Role.SUBSTITUTE)
    client.post(_edit_url(substitute), _payload(substitute, holder_name="Bo Lind (M)"))
    assert _seat(board, role=Seat.Role.SUBSTITUTE).holder_name == "Bo Lind (M)"
    assert _seat(board, role=Seat.Role.ORDINARY).holder_name == ""


def test_controllers_readers_and_unit_managers_may_not_edit_seats(client, board):
    seat = _seat(board)
    unit = testing.make_unit(board.federation)
    for user in (
        testing.make_controller(),
        testing.make_reader(),
        testing.make_unit_manager(unit),
    ):
        client.force_login(user)
        assert client.get(_edit_url(seat)).status_code == 403
        assert client.post(_edit_url(seat), _payload(seat, holder_name="X")).status_code == 403
        assert client.get(reverse("orgs:seat_add", args=[board.code])).status_code == 403
        assert "Ändra" not in client.get(reverse("orgs:body", args=[board.code])).content.decode()
    seat.refresh_from_db()
    assert seat.holder_name == ""


def test_someone_not_logged_in_is_sent_to_the_login_page(client, board):
    seat = _seat(board)
    response = client.post(_edit_url(seat), _payload(seat, holder_name="X"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_term_that_ends_before_it_starts_is_refused_on_the_field(client, board):
    client.force_login(_admin())
    seat = _seat(board)
    response = client.post(
        _edit_url(seat),
        _payload(seat, holder_name="Anna Ek", term_start="2026-12-31", term_end="2023-01-01"),
    )
    page = response.content.decode()
    assert 'href="#id_term_end"' in page
    assert "Mandatperioden kan inte sluta före den börjar (2026-12-31)." in page
    seat.refresh_from_db()
    assert seat.holder_name == "" and seat.term_start is None


def test_a_second_ordinary_seat_for_the_same_member_is_refused(client, board):
    client.force_login(_admin())
    hjo = _seat(board, name="Hjo")
    response = client.post(_edit_url(hjo), _payload(hjo, member=_seat(board).member_id))
    assert "Skövde har redan en plats som ordinarie ledamot i Direktionen" in (
        response.content.decode()
    )
    assert _seat(board, name="Hjo").member.name == "Hjo"


def test_the_board_keeps_its_decided_number_of_seats(client, board):
    client.force_login(_admin())
    seat = _seat(board)
    response = client.post(_edit_url(seat, "orgs:seat_delete"), follow=True)
    assert "Direktionen ska ha 4 platser enligt beslut; platsen togs inte bort." in (
        response.content.decode()
    )
    assert board.seats.count() == 4
    response = client.get(reverse("orgs:seat_add", args=[board.code]), follow=True)
    assert "Direktionen har redan de 4 platser som beslutats." in response.content.decode()
    page = client.get(reverse("orgs:body", args=[board.code])).content.decode()
    assert "4 platser registrerade av 4 enligt beslut." in page


def test_the_administrator_adds_and_removes_seats_of_a_body_without_a_fixed_size(client, group):
    client.force_login(_admin())
    member = testing.make_member(group.federation, name="Vara", municipality_code="1470")
    add = reverse("orgs:seat_add", args=[group.code])
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "role": Seat.Role.CONVENER,
            "member": member.pk,
            "qualification": "",
            "holder_name": "Eva Berg (C)",
            "term_start": "2025-01-01",
            "term_end": "",
            "seen_version": 0,
        },
    )
    assert response.status_code == 302
    seat = group.seats.get()
    assert (seat.role, seat.member, seat.holder_name) == ("convener", member, "Eva Berg (C)")
    assert LogEntry.objects.filter(object_id=str(seat.pk), action="created").exists()
    client.post(_edit_url(seat, "orgs:seat_delete"))
    assert not group.seats.exists()
    assert LogEntry.objects.filter(object_id=str(seat.pk), action="deleted").exists()


def test_a_seat_without_a_role_is_refused_and_nothing_is_saved(client, group):
    client.force_login(_admin())
    response = client.post(
        reverse("orgs:seat_add", args=[group.code]),
        {"role": "", "member": "", "holder_name": "Eva Berg", "seen_version": 0},
    )
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not group.seats.exists()


def test_a_stale_edit_of_a_seat_is_refused_and_shows_the_newer_holder(client, board):
    seat = _seat(board)
    stale = _payload(seat, holder_name="Anna Ek")
    seat.holder_name = "Karl Ås"
    seat.save()
    client.force_login(_admin())
    response = client.post(_edit_url(seat), stale)
    assert "Någon annan har sparat ett nytt värde: Karl Ås" in response.content.decode()
    seat.refresh_from_db()
    assert seat.holder_name == "Karl Ås"
