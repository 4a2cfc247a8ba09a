"""The seed loader creates what is missing and never writes over what a user changed."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.core.seeding import SeedError, load_skaraborg
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import Federation, Member, PlanningPeriod, Unit

pytestmark = pytest.mark.django_db


def _office_revenue_2026() -> BudgetLine:
    return BudgetLine.objects.get(period__year=2026, unit__code="forbundskansli", code="intakter")


def _adopt(period: PlanningPeriod, day: int = 1) -> None:
    decision = Decision.objects.create(
        federation=period.federation, date=datetime.date(2025, 12, day), title="Budget 2026"
    )
    # The printed 2026 budget has five open errors; the board adopted it as printed.
    periods.adopt(period, decision, errors_acknowledged=True)


def _rename_in_the_ui(client, code: str, name: str) -> None:
    unit = Unit.objects.get(code=code)
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("orgs:unit_edit", args=[code]),
        {
            "name": name,
            "manager_name": unit.manager_name,
            "description": unit.description,
            "seen_version": unit.version,
        },
    )
    assert response.status_code == 302


def _finding_for(ctx, field_label: str, key: str):
    matches = [
        f for f in ctx.findings if f.where.get("fält") == field_label and key in f.where.values()
    ]
    assert len(matches) == 1, [f.message for f in ctx.findings]
    return matches[0]


def test_a_fresh_database_loads_completely_and_a_second_run_reports_and_writes_nothing():
    first = load_skaraborg()
    assert first.created["orgs.Federation"] == 1
    assert first.created["orgs.Member"] == 15
    assert first.created["budget.BudgetLine"] == BudgetLine.objects.count() > 0
    assert not first.findings
    entries = LogEntry.objects.count()
    second = load_skaraborg()
    assert not second.created
    assert second.findings == []
    assert LogEntry.objects.count() == entries


def test_a_line_changed_through_a_revision_and_a_unit_renamed_in_the_ui_are_kept(client):
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2026)
    _adopt(period, 1)
    periods.open_revision(period)
    line = _office_revenue_2026()
    line.amount = Decimal("7807000")
    line.save()
    _adopt(period, 15)
    _rename_in_the_ui(client, "kunskapsutveckling", "Kunskap och analys")
    entries = LogEntry.objects.count()

    ctx = load_skaraborg()

    assert _office_revenue_2026().amount == Decimal("7807000")
    assert Unit.objects.get(code="kunskapsutveckling").name == "Kunskap och analys"
    assert LogEntry.objects.count() == entries
    amount = _finding_for(ctx, "belopp (kr)", "intakter")
    assert (amount.expected, amount.stated) == (Decimal("7806000"), Decimal("7807000"))
    assert amount.difference == Decimal("1000")
    assert amount.where["fil"] == "budget.yaml"
    assert (
        "Källan anger «7\u00a0806\u00a0000», databasen har «7\u00a0807\u00a0000»" in amount.message
    )
    name = _finding_for(ctx, "namn", "kunskapsutveckling")
    assert (name.expected, name.stated) == ("Kunskapsutveckling", "Kunskap och analys")
    assert "Källan anger «Kunskapsutveckling», databasen har «Kunskap och analys»" in name.message
    assert len(ctx.findings) == 2


def test_a_line_edited_before_adoption_stays_as_the_user_left_it():
    load_skaraborg()
    line = _office_revenue_2026()
    line.amount = Decimal("7807000")
    line.save()
    _adopt(PlanningPeriod.objects.get(year=2026))

    ctx = load_skaraborg()

    assert _office_revenue_2026().amount == Decimal("7807000")
    finding = _finding_for(ctx, "belopp (kr)", "intakter")
    assert (finding.expected, finding.stated) == (Decimal("7806000"), Decimal("7807000"))


def test_a_line_missing_from_an_adopted_period_is_reported_not_written_past_the_lock():
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2026)
    _office_revenue_2026().delete()
    _adopt(period)

    ctx = load_skaraborg()

    assert not BudgetLine.objects.filter(
        period=period, unit__code="forbundskansli", code="intakter"
    ).exists()
    missing = [f for f in ctx.findings if f.code == "seed.missing_in_locked_period"]
    assert len(missing) == 1
    assert "skapas inte" in missing[0].message
    assert "2026" in missing[0].message


def test_the_command_prints_each_difference_in_swedish_and_what_it_created(client):
    out = StringIO()
    call_command("load_skaraborg", stdout=out)
    assert "Skapade 15 medlemskommuner" in out.getvalue()
    _rename_in_the_ui(client, "kunskapsutveckling", "Kunskap och analys")

    out = StringIO()
    call_command("load_skaraborg", stdout=out)

    text = out.getvalue()
    assert "Skapade" not in text
    assert "1 skillnader mot källan" in text
    assert "Enhet «Kunskap och analys»: namn skiljer sig från källan (organisation.yaml)" in text
    assert "Databasens värde behålls." in text


def test_the_command_says_so_when_everything_is_loaded_and_unchanged():
    load_skaraborg()
    out = StringIO()
    call_command("load_skaraborg", stdout=out)
    assert out.getvalue().strip() == "Inget att ändra: allt är redan inläst och stämmer med källan."


def test_it_refuses_to_load_into_a_database_that_holds_another_federation():
    testing.make_federation(code="annat", name="Annat Kommunalförbund")
    with pytest.raises(SeedError, match="Annat Kommunalförbund"):
        load_skaraborg()
    assert Federation.objects.count() == 1
    assert not Member.objects.exists()
    with pytest.raises(CommandError, match="En installation har ett enda förbund"):
        call_command("load_skaraborg", stdout=StringIO())
