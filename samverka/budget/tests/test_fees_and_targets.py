import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samverka.budget import fees, targets, validation
from samverka.budget.models import BalanceSheet, FeeAllocation
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import Member, PlanningPeriod, Population, Unit

pytestmark = pytest.mark.django_db


def _period(year=2026):
    load_skaraborg()
    return PlanningPeriod.objects.get(year=year)


def _complete_populations(period, inhabitants=126035):
    """Give the six missing members populations that add up to what the budget implies."""
    missing = fees.fee_basis(period).missing
    share, rest = divmod(inhabitants, len(missing))
    for n, member in enumerate(missing):
        Population.objects.create(
            member=member,
            reference_date="2024-12-31",
            inhabitants=share + (rest if n == 0 else 0),
            source="test",
        )


def test_the_fee_per_municipality_is_the_rate_times_its_population():
    basis = fees.fee_basis(_period())
    lidkoping = next(r for r in basis.rows if r.member.name == "Lidköping")
    # 40 425 inhabitants × 50,55 kr = 2 043 483,75 kr.
    assert lidkoping.fee == Decimal("2043483.75")
    assert len(basis.missing) == 6
    assert basis.implied_inhabitants == 269654
    assert basis.known_inhabitants == 143619


def test_the_fees_sum_to_the_budgeted_total_when_every_population_is_known():
    period = _period()
    _complete_populations(period)
    basis = fees.fee_basis(period)
    assert not basis.missing
    assert basis.total_fees == sum(r.fee for r in basis.rows)
    # 269 654 × 50,55 = 13 631 009,70: the budget rounds to whole thousands.
    assert basis.total_fees == Decimal("13631009.70")
    codes = [f.code for f in validation.run(period)]
    assert "budget.fee_population_missing" not in codes
    assert "budget.fee_mismatch" in codes


def test_the_split_of_the_fee_on_units_is_reconciled_with_the_total():
    period = _period()
    office = Unit.objects.get(code="forbundskansli")
    FeeAllocation.objects.create(period=period, unit=office, amount=Decimal("13000000"))
    finding = next(f for f in validation.run(period) if f.code == "budget.fee_allocation_mismatch")
    assert finding.difference == Decimal("-631000")


def test_the_invoice_basis_downloads_as_xlsx_with_one_row_per_member(client):
    _period()
    client.force_login(testing.make_reader())
    response = client.get(reverse("budget:fee_invoice", args=[2026]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["Lidköping"][4] == pytest.approx(2043483.75)
    assert rows["Skövde"][5].startswith("Folkmängd saknas")
    assert rows["Budgeterade medlemsavgifter"][4] == 13631000
    assert Member.objects.count() == 15


def test_the_three_targets_are_computed_for_2026():
    period = _period()
    BalanceSheet.objects.create(
        period=period,
        equity=Decimal("4000000"),
        total_assets=Decimal("40000000"),
        current_assets=Decimal("36000000"),
        current_liabilities=Decimal("33000000"),
    )
    result, solidity, quick = targets.evaluate(period)
    # 1 % of 13 631 000 = 136 310; the units give -185 000 (the total prints +185 000).
    assert (result.code, result.threshold, result.value, result.met) == (
        "result",
        Decimal("136310"),
        Decimal("-185000"),
        False,
    )
    assert "185\u00a0000\u00a0kr" in result.explanation
    # 4 000 000 / 40 000 000 = 10 % > 7 %; 36 000 000 / 33 000 000 = 109,09 % > 103 %.
    assert (solidity.value, solidity.met) == (Decimal("10.00"), True)
    assert (quick.value, quick.met) == (Decimal("109.09"), True)


def test_the_targets_page_is_reachable_by_year_for_the_goals_app(client):
    _period()
    client.force_login(testing.make_reader())
    url = reverse("budget:targets", args=[2026])
    assert url == "/budget/2026/finansiella-mal/"
    page = client.get(url).content.decode()
    assert "136\u00a0310\u00a0kr" in page
    assert "kan inte beräknas" in page


def test_the_controller_enters_the_balance_sheet(client):
    period = _period()
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("budget:balance_sheet_edit", args=[2026]),
        {
            "as_of": "2025-12-31",
            "equity": "3 000 000",
            "total_assets": "50 000 000",
            "current_assets": "45 000 000",
            "current_liabilities": "46 000 000",
            "source": "Bokslut",
            "seen_version": 0,
        },
    )
    assert response.status_code == 302
    _result, solidity, quick = targets.evaluate(period)
    assert (solidity.value, solidity.met) == (Decimal("6.00"), False)
    assert (quick.value, quick.met) == (Decimal("97.83"), False)
