"""A negative result in a closed year's accounts is restored within three years."""

from decimal import Decimal

import pytest

from samverka.budget import validation
from samverka.budget.models import LineKind
from samverka.economy.testing import skaraborg_2026
from samverka.ledger.models import Actual, ImportBatch
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db


def _book(year: int, through_month: int, revenue: int, costs: int):
    period = PlanningPeriod.objects.get(year=year)
    batch = ImportBatch.objects.create(
        period=period, file_name="bokslut.se", sha256="a" * 64, through_month=through_month
    )
    for kind, amount in ((LineKind.OTHER_REVENUE, revenue), (LineKind.OTHER_COSTS, costs)):
        Actual.objects.create(
            batch=batch, period=period, line_kind=kind, account="3000", month=12, amount=amount
        )


def test_a_closed_year_with_a_deficit_is_a_finding_with_the_amount_and_the_last_year():
    period = skaraborg_2026()
    _book(2025, 12, revenue=60_000_000, costs=-60_250_000)
    finding = next(f for f in validation.run(period) if f.code == "economy.deficit_to_restore")
    assert finding.stated == Decimal(-250000)
    assert finding.where == {"år": "2025", "återställs senast": "2028"}
    assert "250\xa0000\xa0kr" in finding.message and "2028" in finding.message


def test_a_year_not_yet_booked_to_december_is_not_judged():
    period = skaraborg_2026()
    _book(2025, 11, revenue=60_000_000, costs=-60_250_000)
    assert not [f for f in validation.run(period) if f.code == "economy.deficit_to_restore"]


def test_the_plan_shows_last_years_actuals_beside_its_budget_when_the_books_are_closed():
    from samverka.economy import plans
    from samverka.economy import tables as plan_tables
    from samverka.economy.testing import stated_scenario

    period = skaraborg_2026()
    _book(2025, 12, revenue=60_000_000, costs=-60_250_000)
    table = plan_tables.plan_table(plans.build(stated_scenario(period)))
    labels = [column.label for column in table.columns]
    assert labels == ["Kr", "Bokslut 2025", "Budget 2025", "Budget 2026", "Plan 2027", "Plan 2028"]
    result = next(row for row in table.rows if row.values[0] == "RESULTAT")
    assert result.values[1:4] == (Decimal(-250000), Decimal(164000), Decimal(-185000))
