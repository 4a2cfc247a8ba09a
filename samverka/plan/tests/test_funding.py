from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.plan import funding
from samverka.plan.models import CoFinancing, Programme, ProgrammeBudget, ProgrammeGrant
from samverka.plan.testing import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    federation = testing.make_federation()
    programme = make_programme(federation, name="Omställning")
    ProgrammeBudget.objects.create(programme=programme, year=2026, revenue=Decimal("2680000"))
    return programme


def test_funding_that_equals_the_budget_reconciles(programme):
    CoFinancing.objects.create(
        programme=programme,
        year=2026,
        funder="DRUM",
        initiative="Omställning",
        amount=Decimal("2000000"),
    )
    member = testing.make_member(programme.federation, name="Mariestad")
    CoFinancing.objects.create(
        programme=programme,
        year=2026,
        member=member,
        initiative="Etablering",
        amount=Decimal("680000"),
    )
    (year,) = funding.funding_by_year(programme)
    assert (year.year, year.budget, year.funding) == (2026, Decimal("2680000"), Decimal("2680000"))
    assert funding.reconcile(programme) == []


def test_a_budget_that_differs_from_its_funding_is_a_finding(programme):
    CoFinancing.objects.create(
        programme=programme,
        year=2026,
        funder="DRUM",
        initiative="Omställning",
        amount=Decimal("2500000"),
    )
    (finding,) = funding.reconcile(programme)
    assert finding.code == "plan.funding_mismatch"
    assert finding.expected == Decimal("2680000")
    assert finding.difference == Decimal("-180000")
    assert "2026" in finding.message and "2\u00a0680\u00a0000\u00a0kr" in finding.message


def test_funding_for_a_year_without_budget_is_a_finding(programme):
    CoFinancing.objects.create(
        programme=programme,
        year=2027,
        funder="VGR",
        initiative="Etablering",
        amount=Decimal("100000"),
    )
    codes = sorted(f.code for f in funding.reconcile(programme))
    assert codes == ["plan.funding_mismatch", "plan.funding_without_budget"]


def test_the_seeded_2026_drum_funding_reconciles_with_the_programme_budget():
    load_skaraborg()
    programme = Programme.objects.get(code="omstallning-skaraborg")
    assert funding.reconcile(programme) == []
    drum = ProgrammeGrant.objects.get(code="drum-2024-2026")
    assert drum.amount == Decimal("5360000")
    assert drum.decision.date.isoformat() == "2024-06-14"
    assert drum.decision.code == "drum-omstallning-2024-2026"
    start = ProgrammeGrant.objects.get(code="startanslag-drum")
    assert start.amount == Decimal("3000000") and start.decision is None


def test_the_funding_page_shows_the_register_and_the_reconciliation(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    page = client.get(reverse("plan:funding", args=["omstallning-skaraborg"])).content.decode()
    assert "5\u00a0360\u00a0000\u00a0kr" in page
    assert "2024-06-14" in page
    assert "Datum och år för beslutet anges inte i källan." in page
    assert "stämmer" in page and "stämmer inte" not in page


def test_the_controller_adds_to_the_register_with_a_swedish_amount(client, programme):
    client.force_login(testing.make_controller())
    member = testing.make_member(programme.federation, name="Skövde")
    response = client.post(
        reverse("plan:funding", args=[programme.code]),
        {
            "year": 2026,
            "member": member.pk,
            "initiative": "Etablering",
            "amount": "680 000",
            "funder": "",
            "source": "",
            "seen_version": 0,
        },
    )
    assert response.status_code == 302
    entry = CoFinancing.objects.get(programme=programme)
    assert entry.amount == Decimal("680000") and entry.member == member
    page = client.get(reverse("plan:funding", args=[programme.code])).content.decode()
    assert "stämmer inte" in page


def test_a_reader_cannot_add_to_the_register(client, programme):
    client.force_login(testing.make_reader())
    response = client.post(
        reverse("plan:funding", args=[programme.code]),
        {"year": 2026, "funder": "X", "initiative": "Y", "amount": "1", "seen_version": 0},
    )
    assert response.status_code == 403
    assert not CoFinancing.objects.exists()
