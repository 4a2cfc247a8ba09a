"""The follow-up pages: budget, actual, forecast and variance per unit and month."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import LineKind
from samverka.core import testing
from samverka.ledger import followup, importing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import Actual, ImportBatch, ManualForecast, VarianceComment
from samverka.lib.paths import SIE_SAMPLES_DIR

pytestmark = pytest.mark.django_db

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
NBSP = "\u00a0"


@pytest.fixture
def world():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2011)
    nord = testing.make_unit(federation, name="Nord", code="nord")
    syd = testing.make_unit(federation, name="Syd", code="syd")
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", nord)
    ledger_testing.map_cost_centre(federation, "Syd", syd)
    ledger_testing.make_budget_line(period, nord, LineKind.OTHER_COSTS, "-1200000")
    ledger_testing.make_budget_line(period, nord, LineKind.OTHER_REVENUE, "2400000")
    return period, nord, syd


def _actual(period, unit, kind, month, amount):
    batch = ImportBatch.objects.filter(period=period).first() or ImportBatch.objects.create(
        period=period, file_name="test.se", sha256="0" * 64
    )
    return Actual.objects.create(
        batch=batch,
        period=period,
        unit=unit,
        line_kind=kind,
        account="6110",
        month=month,
        amount=Decimal(amount),
    )


def test_budget_actual_forecast_and_variance_for_a_unit_and_month(world):
    period, nord, _syd = world
    _actual(period, nord, LineKind.OTHER_COSTS, 1, "-90000")
    _actual(period, nord, LineKind.OTHER_COSTS, 2, "-130000")
    follow = followup.unit_follow_up(period, nord, 2)
    costs = next(r for r in follow.rows if r.kind == LineKind.OTHER_COSTS)
    assert costs.month_budget == Decimal("-100000")  # 1 200 000 / 12, spread evenly
    assert costs.month_actual == Decimal("-130000")
    assert costs.month_variance == Decimal("-30000")  # worse than budget
    assert costs.month_variance_percent == Decimal("-30.0")
    assert costs.ytd_budget == Decimal("-200000")
    assert costs.ytd_actual == Decimal("-220000")
    assert costs.ytd_variance == Decimal("-20000")
    assert costs.forecast == Decimal("-1220000")  # 220 000 so far + 10 months of budget
    assert costs.forecast_variance == Decimal("-20000")
    assert follow.result.year_budget == Decimal("1200000")


def test_a_manual_forecast_replaces_the_computed_one(world):
    period, nord, _syd = world
    ManualForecast.objects.create(
        period=period, unit=nord, line_kind=LineKind.OTHER_COSTS, amount=Decimal("-1500000")
    )
    costs = next(
        r for r in followup.unit_follow_up(period, nord, 3).rows if r.kind == "other_costs"
    )
    assert costs.forecast == Decimal("-1500000") and costs.manual_forecast
    assert costs.forecast_variance == Decimal("-300000")


def test_the_unit_page_shows_budget_actual_forecast_and_variance_in_swedish_format(client, world):
    period, nord, _syd = world
    _actual(period, nord, LineKind.OTHER_COSTS, 2, "-130000")
    client.force_login(testing.make_reader())
    page = client.get(reverse("ledger:unit", args=[2011, "nord"]) + "?manad=2").content.decode()
    assert f"-100{NBSP}000{NBSP}kr" in page  # month budget
    assert f"-130{NBSP}000{NBSP}kr" in page  # month actual
    assert f"-30{NBSP}000{NBSP}kr" in page  # variance
    assert f"-30,0{NBSP}%" in page
    assert f"-1{NBSP}130{NBSP}000{NBSP}kr" in page  # forecast: 130 000 + 10 × 100 000
    assert "jämnt fördelad på tolv månader" in page
    assert "februari" in page


def test_the_period_page_lists_units_and_the_unmapped_bucket(client, world):
    period, nord, _syd = world
    _actual(period, nord, LineKind.OTHER_COSTS, 1, "-90000")
    _actual(period, None, LineKind.OTHER_COSTS, 1, "-5000")
    client.force_login(testing.make_reader())
    page = client.get(reverse("ledger:period", args=[2011]) + "?manad=1").content.decode()
    assert "Nord" in page
    assert "Utan enhet" in page
    assert f"-5{NBSP}000{NBSP}kr" in page


def test_a_unit_manager_comments_on_their_own_units_variance(client, world):
    period, nord, _syd = world
    client.force_login(testing.make_unit_manager(nord))
    url = reverse("ledger:comment", args=[2011, "nord", 2, "other_costs"])
    response = client.post(url, {"text": "Engångskostnad för konsult.", "seen_version": 0})
    assert response.status_code == 302
    comment = VarianceComment.objects.get()
    assert (comment.unit, comment.month, comment.line_kind) == (nord, 2, "other_costs")
    page = client.get(reverse("ledger:unit", args=[2011, "nord"]) + "?manad=2")
    assert "Engångskostnad för konsult." in page.content.decode()


def test_a_unit_manager_cannot_comment_on_another_units_variance(client, world):
    _period, nord, syd = world
    client.force_login(testing.make_unit_manager(nord))
    url = reverse("ledger:comment", args=[2011, "syd", 2, "other_costs"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Inte min enhet", "seen_version": 0}).status_code == 403
    assert not VarianceComment.objects.exists()
    page = client.get(reverse("ledger:unit", args=[2011, "syd"])).content.decode()
    assert "Kommentera" not in page


def test_a_concurrent_comment_edit_is_refused(client, world):
    period, nord, _syd = world
    comment = VarianceComment.objects.create(
        period=period, unit=nord, line_kind="other_costs", month=2, text="Första"
    )
    client.force_login(testing.make_controller())
    url = reverse("ledger:comment", args=[2011, "nord", 2, "other_costs"])
    assert client.post(url, {"text": "Andra", "seen_version": 1}).status_code == 302
    response = client.post(url, {"text": "Tredje", "seen_version": 1})
    assert "Någon annan har sparat" in response.content.decode()
    comment.refresh_from_db()
    assert comment.text == "Andra"


def test_the_unit_manager_sets_a_manual_forecast_in_swedish_notation(client, world):
    _period, nord, _syd = world
    client.force_login(testing.make_unit_manager(nord))
    url = reverse("ledger:forecast", args=[2011, "nord", "other_costs"])
    response = client.post(url, {"amount": "−1 350 000", "note": "Ny lokal", "seen_version": 0})
    assert response.status_code == 302
    assert ManualForecast.objects.get().amount == Decimal("-1350000")
    page = client.get(reverse("ledger:unit", args=[2011, "nord"])).content.decode()
    assert f"-1{NBSP}350{NBSP}000{NBSP}kr" in page and "manuell" in page


def test_the_page_follows_a_real_import(client, world):
    period, nord, _syd = world
    importing.import_sie(OVNBOLAG)
    client.force_login(testing.make_reader())
    page = client.get(reverse("ledger:unit", args=[2011, "nord"])).content.decode()
    actual = sum(
        Actual.objects.filter(unit=nord, month__lte=3).values_list("amount", flat=True),
        Decimal(0),
    )
    assert actual != 0
    assert "mars" in page  # defaults to the last booked month


def test_a_unit_manager_cannot_set_another_units_forecast(client, world):
    _period, nord, _syd = world
    client.force_login(testing.make_unit_manager(nord))
    url = reverse("ledger:forecast", args=[2011, "syd", "other_costs"])
    assert client.post(url, {"amount": "-1", "seen_version": 0}).status_code == 403
    assert not ManualForecast.objects.exists()
