import pytest

from samverka.audit.models import LogEntry
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import (
    Federation,
    GoverningBody,
    Member,
    PlanningPeriod,
    Population,
    Seat,
    Unit,
)

pytestmark = pytest.mark.django_db


def test_it_loads_the_fifteen_members_with_their_official_codes():
    load_skaraborg()
    codes = dict(Member.objects.values_list("name", "municipality_code"))
    assert len(codes) == 15
    assert codes["Skövde"] == "1496"
    assert codes["Essunga"] == "1445"
    assert codes["Vara"] == "1470"
    assert all(len(code) == 4 and code.isdigit() for code in codes.values())


def test_it_loads_six_units_with_the_office_carrying_overhead():
    load_skaraborg()
    units = {u.name: u for u in Unit.objects.all()}
    assert sorted(units) == [
        "Förbundskansli",
        "Kunskapsutveckling",
        "Omställning Skaraborg",
        "Projektenhet",
        "Regional utveckling",
        "Välfärdsutveckling",
    ]
    assert [u.name for u in Unit.objects.all() if u.carries_overhead] == ["Förbundskansli"]
    assert units["Omställning Skaraborg"].kind == Unit.Kind.PROGRAMME
    assert units["Projektenhet"].kind == Unit.Kind.PROJECT_UNIT


def test_the_board_has_fifteen_ordinary_members_and_fifteen_substitutes():
    load_skaraborg()
    board = GoverningBody.objects.get(kind=GoverningBody.Kind.BOARD)
    seats = Seat.objects.filter(body=board)
    assert seats.filter(role=Seat.Role.ORDINARY).count() == 15
    assert seats.filter(role=Seat.Role.SUBSTITUTE).count() == 15
    skovde = seats.filter(member__name="Skövde")
    assert {s.qualification for s in skovde} == {
        "Kommunstyrelsens ordförande",
        "Oppositionsföreträdare",
    }
    assert board.is_decision_making


def test_matters_flow_from_the_groups_through_the_presidium_to_the_board():
    load_skaraborg()
    steering = GoverningBody.objects.get(code="styrgrupp")
    path = [steering.name]
    body = steering
    while body.prepares_for:
        body = body.prepares_for
        path.append(body.name)
    assert path == [
        "Styrgrupp – kommundirektörer",
        "Politisk referensgrupp (Omställning Skaraborg)",
        "Direktionens presidium",
        "Direktionen",
    ]


def test_populations_are_loaded_as_published_with_their_source():
    load_skaraborg()
    pop = Population.objects.get(member__name="Lidköping")
    assert pop.inhabitants == 40425
    assert str(pop.reference_date) == "2024-12-31"
    assert "SCB" in pop.source
    # Six members' figures are not in the sources: none are invented.
    missing = Member.objects.filter(populations__isnull=True).values_list("name", flat=True)
    assert sorted(missing) == ["Skara", "Skövde", "Tibro", "Tidaholm", "Töreboda", "Vara"]


def test_the_federation_keeps_its_purpose_and_affiliations():
    load_skaraborg()
    federation = Federation.objects.get()
    assert federation.purpose.startswith("Förbundet har till ändamål")
    assert {a.name for a in federation.affiliations.all()} == {
        "VästKom",
        "Gryning Vård AB",
        "Mediapoolen AB",
    }
    years = dict(PlanningPeriod.objects.values_list("year", "status"))
    assert years == {2025: "adopted", 2026: "draft"}


def test_running_the_loader_twice_changes_nothing():
    first = load_skaraborg()
    assert first.created["orgs.Member"] == 15
    entries = LogEntry.objects.count()
    versions = sorted(Seat.objects.values_list("pk", "version"))
    second = load_skaraborg()
    assert not second.created and not second.findings
    assert LogEntry.objects.count() == entries
    assert sorted(Seat.objects.values_list("pk", "version")) == versions


def test_it_loads_the_dated_board_decisions_and_marks_the_planned_one():
    from samverka.decisions.models import Decision

    load_skaraborg()
    decisions = {d.code: d for d in Decision.objects.all()}
    assert str(decisions["drum-omstallning-2024-2026"].date) == "2024-06-14"
    assert str(decisions["ansokan-forstudie-okad-rorlighet"].date) == "2025-11-07"
    assert decisions["ansokan-robust-samhallsbyggande"].status == Decision.Status.SCHEDULED
    assert decisions["ansokan-starkt-apl"].body.code == "direktion"
