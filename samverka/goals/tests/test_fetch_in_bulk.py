"""A Kolada fetch writes its values in bulk: one audit entry per indicator with the counts,
changed values updated in place, a value entered by hand still kept."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from samverka.audit.models import LogEntry
from samverka.goals import testing as gt
from samverka.goals.fetching import fetch_kolada
from samverka.goals.models import Measurement
from samverka.goals.tests.test_fetch_kolada import _client, _kolada, _setup

pytestmark = pytest.mark.django_db


def _rows(offset=0):
    return [
        gt.kolada_row("N01951", code, year, 1000 + n + offset)
        for n, code in enumerate(["1496", "1494", "1497"])
        for year in (2023, 2024)
    ]


def test_a_fetch_logs_one_entry_per_indicator_with_its_counts():
    _members, indicator = _setup()
    before = LogEntry.objects.count()
    fetch_kolada(_client(_kolada(_rows())), years=[2023, 2024])
    entry = LogEntry.objects.get(action="goals.kolada.stored")
    assert entry.data["created"] == 6 and entry.data["updated"] == 0
    # The six values and the area's two sums: the sums are still saved one by one.
    assert LogEntry.objects.count() - before < 6


def test_a_changed_value_is_updated_in_place_with_a_new_version():
    _members, indicator = _setup()
    fetch_kolada(_client(_kolada(_rows())), years=[2023, 2024])
    first = Measurement.objects.get(indicator=indicator, year=2024, member__name="Hjo")
    fetch_kolada(_client(_kolada(_rows(offset=5))), years=[2023, 2024])
    again = Measurement.objects.get(pk=first.pk)
    assert again.value == first.value + 5
    assert again.version == first.version + 1
    assert again.fetched_at >= first.fetched_at
    region = Measurement.objects.get(indicator=indicator, year=2024, member=None)
    assert region.value == (1000 + 1001 + 1002) + 15
    updated = LogEntry.objects.filter(action="goals.kolada.stored").order_by("id").last()
    assert updated.data["updated"] == 6


def test_the_same_values_again_write_nothing():
    _members, indicator = _setup()
    fetch_kolada(_client(_kolada(_rows())), years=[2023, 2024])
    run = fetch_kolada(_client(_kolada(_rows())), years=[2023, 2024])
    assert run.stored == 0
    assert LogEntry.objects.filter(action="goals.kolada.stored").count() == 1


def test_a_value_entered_by_hand_survives_a_bulk_fetch():
    members, indicator = _setup()
    skovde = next(m for m in members if m.name == "Skövde")
    Measurement.objects.create(
        indicator=indicator,
        year=2024,
        member=skovde,
        value=Decimal("42"),
        origin=Measurement.Origin.MANUAL,
        source="inmatat",
        fetched_at=timezone.make_aware(datetime.datetime(2025, 1, 1)),
    )
    run = fetch_kolada(_client(_kolada(_rows())), years=[2023, 2024])
    kept = Measurement.objects.get(indicator=indicator, year=2024, member=skovde)
    assert kept.value == 42 and kept.origin == Measurement.Origin.MANUAL
    assert "det inmatade värdet 42" in run.message
