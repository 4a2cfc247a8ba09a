"""The member's view: each member's fee per year under the proposal, as a page and an XLSX."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samverka.core import testing
from samverka.economy import checks, plans
from samverka.economy.testing import skaraborg_2026, stated_scenario

pytestmark = pytest.mark.django_db


def test_the_fee_sheet_sums_to_the_fee_income_of_each_plan_year():
    plan = plans.build(stated_scenario(skaraborg_2026()))
    for year in plan.years[1:]:
        sheet = year.fees
        assert sheet.total == sum(row.fee for row in sheet.rows)
        assert sheet.budgeted == sheet.total and sheet.difference == 0
    findings = checks.plan_findings(plan)
    assert not [
        f for f in findings if f.code == "economy.member_fee_sum" and f.where["år"] != "2026"
    ]


def test_where_the_sum_differs_from_the_budgeted_fee_income_the_difference_is_a_finding():
    plan = plans.build(stated_scenario(skaraborg_2026()))
    sheet = plan.year(2026).fees
    # Nine members known in 2026: their fees sum to 7 259 941 kr against 13 631 000 budgeted.
    assert sheet.total == Decimal(7259941)
    finding = next(f for f in checks.plan_findings(plan) if f.code == "economy.member_fee_sum")
    assert finding.where["år"] == "2026"
    assert finding.difference == Decimal(7259941) - Decimal(13631000)
    # Never spread: each member's fee is still its population × the fee.
    lidkoping = next(row for row in sheet.rows if row.member.name == "Lidköping")
    assert lidkoping.fee == Decimal(2043484)  # 40 425 × 50,55 = 2 043 483,75


def test_the_member_page_shows_each_members_fee_for_the_three_years(client):
    stated_scenario(skaraborg_2026())
    client.force_login(testing.make_reader())
    page = client.get(reverse("economy:member_fees", args=[2026])).content.decode()
    assert "Avgift per medlem 2026–2028" in page
    assert "2\xa0104\xa0930" in page  # Lidköping 2027
    assert "Skillnad" in page


def test_the_xlsx_opens_and_its_fees_are_numbers(client):
    stated_scenario(skaraborg_2026())
    client.force_login(testing.make_reader())
    response = client.get(reverse("economy:member_fees", args=[2026]), {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "Kommun")
    assert header[:4] == ("Kommun", "Kommunkod", "Invånare 2026", "Avgift 2026 (kr)")
    lidkoping = next(row for row in rows if row and row[0] == "Lidköping")
    assert lidkoping[1] == "1494"
    assert isinstance(lidkoping[5], int | float) and lidkoping[5] == 2104930
    total = next(row for row in rows if row and row[0] == "Summa")
    assert total[5] == 14044269
