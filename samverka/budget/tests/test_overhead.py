from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget import validation
from samverka.budget.computations import load_budget, overhead_allocation
from samverka.budget.models import Assumptions
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db


def _rows(year=2026):
    period = PlanningPeriod.objects.get(year=year)
    rows, office = overhead_allocation(load_budget(period), period.budget_assumptions)
    return {r.table.unit.code: r for r in rows}, office


def test_personnel_costs_are_the_basis_that_fits_the_printed_overhead_best():
    load_skaraborg()
    rows, office = _rows()
    # 16 % × 6 011 000 = 961 760 against the printed 941 000.
    assert rows["kunskapsutveckling"].computed == Decimal("-961760")
    assert rows["kunskapsutveckling"].difference == Decimal("20760")
    assert office.computed == Decimal("5655360")
    assert office.entered == Decimal("5774000")


def test_the_basis_is_a_setting_the_controller_changes(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    assumptions = Assumptions.objects.get(period__year=2026)
    response = client.post(
        reverse("budget:assumptions_edit", args=[2026]),
        {
            "payroll_overhead_rate": "42.65",
            "overhead_rate": "16",
            "overhead_basis": "revenue_less_overhead",
            "source": assumptions.source,
            "seen_version": assumptions.version,
        },
    )
    assert response.status_code == 302
    rows, _office = _rows()
    # 16 % × (10 204 000 - 941 000) = 1 482 080.
    assert rows["kunskapsutveckling"].computed == Decimal("-1482080")
    notes = [
        f
        for f in validation.run(PlanningPeriod.objects.get(year=2026))
        if f.code == "budget.overhead_key"
    ]
    assert "intäkter minus OH-kostnad" in notes[0].message


def test_a_unit_manager_cannot_change_the_assumptions(client):
    load_skaraborg()
    unit = testing.make_unit(PlanningPeriod.objects.get(year=2026).federation)
    client.force_login(testing.make_unit_manager(unit))
    assert client.get(reverse("budget:assumptions_edit", args=[2026])).status_code == 403


def test_the_fee_split_per_unit_is_entered_by_the_controller(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    url = reverse("budget:fee_share_edit", args=[2026, "kunskapsutveckling"])
    assert client.post(url, {"amount": "2 000 000", "seen_version": 0}).status_code == 302
    page = client.get(reverse("budget:fees", args=[2026])).content.decode()
    assert "2\u00a0000\u00a0000" in page
    # 2 000 000 of 13 631 000 distributed: the split is reconciled with the total.
    assert "fördelningen på enheter summerar till 2\u00a0000\u00a0000\u00a0kr" in page
