import io

import httpx
import pytest
from django.core.management import CommandError, call_command

from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.kolada import KoladaClient
from samverka.goals.management.commands import fetch_kolada
from samverka.goals.management.commands._fetch import parse_years
from samverka.goals.models import Measurement

pytestmark = pytest.mark.django_db


def _replay(monkeypatch, handler):
    def make(base_url, **kwargs):
        return KoladaClient(
            base_url, transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None
        )

    monkeypatch.setattr(fetch_kolada, "KoladaClient", make)


def test_fetch_kolada_shows_progress_and_stores_the_values(monkeypatch):
    federation = testing.make_federation()
    gt.make_members(federation, {"Skövde": "1496"})
    indicator = gt.make_kolada_indicator(
        gt.make_goal(federation), "N01951", "Invånare totalt, antal"
    )

    def handler(request):
        if request.url.path.startswith("/v3/kpi/"):
            return gt.json_response(
                gt.kolada_page([gt.kolada_kpi("N01951", "Invånare totalt, antal")])
            )
        return gt.json_response(gt.kolada_page([gt.kolada_row("N01951", "1496", 2024, 57500)]))

    _replay(monkeypatch, handler)
    out, err = io.StringIO(), io.StringIO()
    call_command("fetch_kolada", "--years", "2024", stdout=out, stderr=err)
    assert "lyckades, 2 värden sparade" in out.getvalue()
    assert "[##############################] 2/2" in err.getvalue()
    assert Measurement.objects.get(indicator=indicator, year=2024, member__isnull=False).value == (
        57500
    )


def test_fetch_kolada_fails_loudly_when_kolada_is_down(monkeypatch):
    federation = testing.make_federation()
    gt.make_members(federation, {"Skövde": "1496"})
    gt.make_kolada_indicator(gt.make_goal(federation), "N01951", "Invånare totalt, antal")
    _replay(monkeypatch, lambda request: httpx.Response(502))
    out = io.StringIO()
    with pytest.raises(CommandError, match="misslyckades"):
        call_command("fetch_kolada", "--years", "2024", stdout=out, stderr=io.StringIO())
    assert "Kolada svarade 502" in out.getvalue()


def test_years_are_given_as_ranges_or_lists_and_nonsense_is_refused():
    assert parse_years("2019-2021,2024") == [2019, 2020, 2021, 2024]
    with pytest.raises(CommandError, match="Ogiltiga år"):
        parse_years("förra året")
