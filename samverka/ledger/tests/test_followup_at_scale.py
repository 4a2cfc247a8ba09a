"""The year's follow-up page reads a fixed number of queries however many units and rows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.budget.models import LineKind
from samverka.core import testing
from samverka.ledger import followup
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ImportBatch, ManualForecast

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    return testing.make_period(testing.make_federation(), year=2026)


def _units_with_actuals(period, n: int) -> list:
    batch = ImportBatch.objects.filter(period=period).first() or ImportBatch.objects.create(
        period=period, file_name="test.se", sha256="0" * 64
    )
    start = Actual.objects.values("unit").distinct().count()
    units = []
    for i in range(start, start + n):
        unit = testing.make_unit(period.federation, name=f"Enhet {i}", code=f"enhet-{i}")
        ledger_testing.make_budget_line(period, unit, LineKind.OTHER_COSTS, "-120000")
        Actual.objects.bulk_create(
            Actual(
                batch=batch,
                period=period,
                unit=unit,
                line_kind=LineKind.OTHER_COSTS,
                account="6110",
                month=month,
                amount=Decimal("-9000"),
            )
            for month in range(1, 13)
        )
        units.append(unit)
    return units


def test_the_year_page_reads_as_many_queries_for_twenty_units_as_for_two(
    client, period, django_assert_max_num_queries
):
    client.force_login(testing.make_reader())
    url = reverse("ledger:period", args=[2026]) + "?manad=6"
    _units_with_actuals(period, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _units_with_actuals(period, 18)
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert "Enhet 19" in html


def test_the_year_summary_agrees_with_each_unit_s_own_follow_up(period):
    nord, syd = _units_with_actuals(period, 2)
    ManualForecast.objects.create(
        period=period, unit=syd, line_kind=LineKind.OTHER_COSTS, amount=Decimal("-200000")
    )
    summaries = {s.unit: s.result for s in followup.period_follow_up(period, 6)}
    for unit in (nord, syd):
        own = followup.unit_follow_up(period, unit, 6).result
        assert summaries[unit].ytd_actual == own.ytd_actual == Decimal("-54000")
        assert summaries[unit].ytd_budget == own.ytd_budget
        assert summaries[unit].forecast == own.forecast
    assert summaries[syd].forecast == Decimal("-200000")
