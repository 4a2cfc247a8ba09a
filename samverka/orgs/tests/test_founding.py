"""A second federation from scratch: `founding.create_federation` on an empty database."""

import datetime
from decimal import Decimal

import httpx
import pytest
from django.contrib.auth import get_user_model

from samverka.accounts.models import Role, RoleAssignment
from samverka.audit.models import LogEntry
from samverka.budget.models import Assumptions, BudgetLine, FeeModel, LineKind
from samverka.budget.validation import run as validate
from samverka.goals import testing as gt
from samverka.goals.fetching import SCB_POPULATION_SOURCE
from samverka.goals.scb import ScbClient
from samverka.orgs import founding, municipalities, populations
from samverka.orgs.founding import Founding, FoundingRefused, Governance, MemberEntry
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

# Boråsregionen Sjuhärads kommunalförbund's eight members (SCB's municipality codes).
SJUHARAD = ["1443", "1490", "1466", "1463", "1465", "1452", "1491", "1442"]
PASSWORD = "ett-langt-losenord-2026"  # noqa: S105 - a test persona's


def sjuharad(**changes) -> Founding:
    values = {
        "name": "Boråsregionen Sjuhärads kommunalförbund",
        "short_name": "Sjuhärad",
        "members": [MemberEntry(code) for code in SJUHARAD],
        "year": 2026,
        "fee_per_inhabitant": Decimal("30.00"),
        "governance": Governance.DIRECTION,
        "units": ["Kansli"],
        "admin_username": "admin",
        "admin_password": PASSWORD,
    }
    return Founding(**(values | changes))


def test_the_bundled_list_has_sweden_290_municipalities_and_the_49_of_vastra_gotaland():
    everything = municipalities.all_municipalities()
    assert len(everything) == 290
    counties = dict(municipalities.by_county())
    assert len(counties["Västra Götalands län"]) == 49
    assert [municipalities.get(c).name for c in SJUHARAD] == [
        "Bollebygd",
        "Borås",
        "Herrljunga",
        "Mark",
        "Svenljunga",
        "Tranemo",
        "Ulricehamn",
        "Vårgårda",
    ]


def test_a_federation_is_created_with_members_bodies_units_period_budget_and_administrator():
    federation = founding.create_federation(
        sjuharad(payroll_overhead_rate=Decimal("42.65"), units=["Kansli", "Välfärd"])
    )
    assert federation == Federation.objects.get()
    assert federation.code == "sjuharad"
    assert sorted(federation.members.values_list("municipality_code", flat=True)) == sorted(
        SJUHARAD
    )
    assert Member.objects.get(municipality_code="1490").name == "Borås"
    direktion = GoverningBody.objects.get()
    assert (direktion.kind, direktion.is_decision_making) == (GoverningBody.Kind.BOARD, True)
    assert Seat.objects.filter(body=direktion).count() == 16  # ordinary + substitute each
    kansli, valfard = Unit.objects.order_by("sort_order")
    assert (kansli.code, kansli.kind) == ("kansli", Unit.Kind.OFFICE)
    assert (valfard.code, valfard.kind) == ("valfard", Unit.Kind.DEVELOPMENT_AREA)
    period = PlanningPeriod.objects.get()
    assert (period.year, period.status) == (2026, PlanningPeriod.Status.DRAFT)
    fee = FeeModel.objects.get(period=period)
    assert fee.rate_per_inhabitant == Decimal("30.00")
    assert fee.population_reference_date == datetime.date(2024, 12, 31)
    assert Assumptions.objects.get(period=period).payroll_overhead_rate == Decimal("42.65")
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(PASSWORD)
    assert RoleAssignment.objects.filter(user=admin, role=Role.ADMIN).exists()
    entry = LogEntry.objects.get(action="orgs.federation.founded")
    assert entry.data["members"] == 8
    assert entry.actor_label == founding.ACTOR


def test_a_federation_with_an_assembly_has_a_forbundsstyrelse_that_prepares_its_matters():
    founding.create_federation(sjuharad(governance=Governance.ASSEMBLY))
    assembly = GoverningBody.objects.get(kind=GoverningBody.Kind.ASSEMBLY)
    board = GoverningBody.objects.get(kind=GoverningBody.Kind.EXECUTIVE_BOARD)
    assert assembly.name == "Förbundsfullmäktige"
    assert board.prepares_for == assembly
    assert assembly.seats.count() == 16


def test_the_service_refuses_a_second_federation_in_swedish():
    founding.create_federation(sjuharad())
    with pytest.raises(FoundingRefused) as refused:
        founding.create_federation(sjuharad(name="Fyrbodals kommunalförbund", short_name=""))
    assert "en installation har ett enda förbund" in str(refused.value)
    assert Federation.objects.count() == 1


def test_bad_input_is_refused_whole_with_every_problem_on_its_field():
    bad = sjuharad(
        members=[
            MemberEntry("1490"),
            MemberEntry("1489x"),
            MemberEntry("1499"),
            MemberEntry("1400"),
        ],
        year=1999,
        fee_per_inhabitant=None,
        admin_password="kort",
    )
    problems = founding.check(bad)
    by_field = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(problem.message)
    assert "Kommunkoden ”1489x” är inte fyra siffror (t.ex. 1490 för Borås)." in by_field["members"]
    assert (
        "Kommunkoden 1400 finns inte bland Sveriges 290 kommuner (SCB:s kommunkoder)."
        in by_field["members"]
    )
    assert by_field["year"] == ["Året ska vara mellan 2000 och 2100."]
    assert by_field["fee_per_inhabitant"] == ["Ange medlemsavgiften per invånare."]
    assert "admin_password" in by_field
    with pytest.raises(FoundingRefused):
        founding.create_federation(bad)
    assert not Federation.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_code_given_twice_is_refused():
    problems = founding.check(sjuharad(members=[MemberEntry("1490"), MemberEntry("1490")]))
    assert "Kommunkoden 1490 står två gånger." in [p.message for p in problems]


@pytest.fixture
def scb(monkeypatch):
    """SCB answered by a MockTransport in its documented JSON-stat 2.0 format."""
    asked = []
    answer = {(code, "2024"): 10000 + n for n, code in enumerate(SJUHARAD)}
    labels = {code: f"{code} {municipalities.get(code).name}" for code in SJUHARAD}

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return gt.json_response(gt.json_stat2(answer, "BE0101N1", region_labels=labels))

    monkeypatch.setattr(
        populations,
        "scb_client",
        lambda: ScbClient(transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None),
    )
    return asked


def test_names_and_populations_come_from_scb_when_online(scb):
    entries, source = founding.fetch_from_scb(SJUHARAD, 2024)
    (request,) = scb
    assert request.url.params["valueCodes[Region]"] == ",".join(sorted(SJUHARAD))
    assert request.url.params["valueCodes[Tid]"] == "2024"
    assert source == f"{SCB_POPULATION_SOURCE} 2024"
    assert entries[1] == MemberEntry("1490", "Borås", 10001)
    founding.create_federation(sjuharad(members=entries, population_source=source))
    row = Population.objects.get(member__municipality_code="1490")
    assert (row.inhabitants, row.source) == (10001, source)
    fee = FeeModel.objects.get()
    assert fee.budgeted_income == Decimal(30) * sum(10000 + n for n in range(8))


def test_offline_the_budget_check_reports_the_missing_populations():
    founding.create_federation(sjuharad())
    findings = {f.code: f for f in validate(PlanningPeriod.objects.get())}
    missing = findings["budget.fee_population_missing"]
    assert "saknas för 8 av 8 medlemmar" in missing.message
    assert "Ange folkmängden på medlemssidan" in missing.message


def test_its_budget_is_validated_once_lines_are_entered_for_its_kansli():
    members = [MemberEntry(code, inhabitants=10000) for code in SJUHARAD]
    founding.create_federation(sjuharad(members=members))
    period = PlanningPeriod.objects.get()
    kansli = Unit.objects.get(code="kansli")
    assert FeeModel.objects.get().budgeted_income == Decimal("2400000.00")
    for code, kind, label, amount in [
        ("medlemsavgifter", LineKind.MEMBER_FEES, "Medlemsavgifter", "2300000"),
        ("personal", LineKind.PERSONNEL, "Personal", "-1800000"),
        ("ovrigt", LineKind.OTHER_COSTS, "Övriga kostnader", "-400000"),
    ]:
        BudgetLine.objects.create(
            period=period, unit=kansli, code=code, kind=kind, label=label, amount=Decimal(amount)
        )
    findings = {f.code: f for f in validate(period)}
    assert "budget.fee_population_missing" not in findings
    mismatch = findings["budget.fee_lines_mismatch"]
    assert mismatch.expected == Decimal("2400000.00")
    assert mismatch.stated == Decimal("2300000")
    assert "budget.fee_allocation_missing" in findings
