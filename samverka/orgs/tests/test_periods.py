import datetime

import pytest

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PeriodLockedError, PlanningPeriod

pytestmark = pytest.mark.django_db


def _decision(federation, day=1):
    return Decision.objects.create(
        federation=federation, date=datetime.date(2025, 12, day), title="Budget 2026"
    )


def test_an_adopted_period_refuses_edits():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    periods.adopt(period, _decision(federation))
    period.note = "ändrad i efterhand"
    with pytest.raises(PeriodLockedError):
        period.save()
    with pytest.raises(PeriodLockedError):
        period.check_editable()
    period.refresh_from_db()
    assert period.note == ""


def test_adoption_records_the_decision_and_a_log_entry():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    decision = _decision(federation, 12)
    periods.adopt(period, decision)
    period.refresh_from_db()
    assert period.status == PlanningPeriod.Status.ADOPTED
    assert period.decision == decision
    assert period.adopted_on == datetime.date(2025, 12, 12)
    assert LogEntry.objects.filter(action="orgs.period.adopted", object_id=period.pk).exists()


def test_a_revision_reopens_the_period_and_its_adoption_locks_it_again():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    periods.adopt(period, _decision(federation, 1))
    periods.open_revision(period)
    assert not period.is_locked
    assert period.revision == 1
    period.note = "reviderad budget"
    period.save()
    periods.adopt(period, _decision(federation, 15))
    assert period.status == PlanningPeriod.Status.REVISED
    assert period.is_locked


def test_a_draft_cannot_be_opened_for_revision_nor_adopted_twice():
    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    with pytest.raises(PeriodLockedError):
        periods.open_revision(period)
    periods.adopt(period, _decision(federation))
    with pytest.raises(PeriodLockedError):
        periods.adopt(period, _decision(federation, 2))
