"""The issue's scenario end to end on the Skaraborg seed: 2027 started from 2026, two units
submitted by their heads, one sent back with a comment and submitted again, the year
consolidated and validated."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.budget import validation
from samverka.budget.models import BudgetLine, FeeModel, StatedFigure
from samverka.core.seeding import load_skaraborg
from samverka.core.testing import make_controller, make_unit_manager
from samverka.cycle import rollover, submissions
from samverka.cycle.models import Consolidation, UnitSubmission
from samverka.goals.models import FinancialTarget
from samverka.lib.findings import Severity
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.plan.models import Activity, ActivityPlan, PriorityArea
from samverka.reports.models import PlanText

pytestmark = pytest.mark.django_db

Status = UnitSubmission.Status


@pytest.fixture
def year_2026():
    load_skaraborg()
    return PlanningPeriod.objects.get(year=2026)


def _start_2027(client, controller):
    client.force_login(controller)
    return client.post(reverse("cycle:start_next_year", args=[2026]))


def _post(client, user, name, unit, **data):
    client.force_login(user)
    version = UnitSubmission.objects.get(period__year=2027, unit=unit).version
    return client.post(
        reverse(f"cycle:{name}", args=[2027, unit.code]), {"seen_version": version, **data}
    )


def _lines(year):
    return {
        (line.unit.code, line.code): line.amount
        for line in BudgetLine.objects.filter(period__year=year, unit__isnull=False)
    }


def test_the_controller_sees_what_will_be_copied_before_starting_2027(client, year_2026):
    client.force_login(make_controller())
    page = client.get(reverse("cycle:start_next_year", args=[2026])).content.decode()
    counts = {c.key: c.count for c in rollover.preview(year_2026)}
    assert "Starta budgetarbetet för 2027" in page
    assert counts["budget_lines"] == 24  # the six units' lines; the printed total stays behind
    assert counts["priority_areas"] == 6 and counts["activities"] == 24
    assert counts["activity_plans"] == 1 and counts["plan_texts"] == 14
    assert not PlanningPeriod.objects.filter(year=2027).exists()


def test_2027_starts_from_2026_with_its_contents_as_start_values(client, year_2026):
    before = _lines(2026)
    texts_2026 = dict(PlanText.objects.filter(period=year_2026).values_list("pk", "text"))
    response = _start_2027(client, make_controller())
    new = PlanningPeriod.objects.get(year=2027)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycle:status", args=[2027])
    assert new.status == PlanningPeriod.Status.DRAFT
    # The lines are copied unchanged and marked as start values from 2026.
    assert _lines(2027) == {key: amount for key, amount in before.items()}
    assert set(BudgetLine.objects.filter(period=new).values_list("source", flat=True)) == {
        "Startvärde från budget 2026"
    }
    assert not BudgetLine.objects.filter(period=new, unit__isnull=True).exists()
    assert not StatedFigure.objects.filter(period=new).exists()
    # The fee model counts the population a year later.
    assert str(FeeModel.objects.get(period=new).population_reference_date) == "2025-12-31"
    assert FinancialTarget.objects.filter(period=new).count() == 3
    assert PriorityArea.objects.filter(period=new).count() == 6
    codes = Activity.objects.filter(priority_area__period=new).values_list("code", flat=True)
    assert len(codes) == 24 and all(code.startswith("2027-") for code in codes)
    plan = ActivityPlan.objects.get(year=2027)
    assert (plan.number, plan.status) == (1, ActivityPlan.Status.DRAFT)
    assert PlanText.objects.filter(period=new).count() == 14
    assert UnitSubmission.objects.filter(period=new, status=Status.DRAFT).count() == 6
    # 2026 is as it was.
    assert _lines(2026) == before
    assert dict(PlanText.objects.filter(period=year_2026).values_list("pk", "text")) == texts_2026
    assert PriorityArea.objects.filter(period=year_2026).count() == 6
    entry = LogEntry.objects.get(action="cycle.year.started")
    assert entry.data["based_on"] == 2026 and entry.data["counts"]["budget_lines"] == 24
    unit_page = client.get(reverse("budget:unit", args=[2027, "kunskapsutveckling"]))
    assert "Startvärden från budget 2026" in unit_page.content.decode()


def test_starting_2027_twice_is_refused_and_changes_nothing(client, year_2026):
    controller = make_controller()
    _start_2027(client, controller)
    line = BudgetLine.objects.filter(period__year=2027).first()
    line.amount = Decimal("-1")
    line.save()
    response = _start_2027(client, controller)
    assert response.status_code == 409
    assert "Budgetåret 2027 finns redan" in response.content.decode()
    line.refresh_from_db()
    assert line.amount == Decimal("-1")
    with pytest.raises(rollover.NextYearExistsError):
        rollover.start_next_year(year_2026, controller)
    assert LogEntry.objects.filter(action="cycle.year.started").count() == 1


def test_two_units_submitted_one_sent_back_and_the_consolidated_2027_validated(client, year_2026):
    controller = make_controller()
    _start_2027(client, controller)
    regional = Unit.objects.get(code="regional-utveckling")
    welfare = Unit.objects.get(code="valfardsutveckling")
    head_regional, head_welfare = make_unit_manager(regional), make_unit_manager(welfare)

    # Both heads submit their unit.
    assert _post(client, head_regional, "submit", regional).status_code == 302
    assert _post(client, head_welfare, "submit", welfare).status_code == 302
    status_page = client.get(reverse("cycle:status", args=[2027])).content.decode()
    assert status_page.count("Inlämnad") >= 3  # the column and the two units

    # The controller sends one back with a comment and approves the other.
    response = _post(
        client, controller, "send_back", regional, comment="Personalkostnaden saknar PO."
    )
    assert response.status_code == 302
    assert _post(client, controller, "approve", welfare).status_code == 302

    # The head of the returned unit sees the comment and can edit again.
    client.force_login(head_regional)
    page = client.get(reverse("budget:unit", args=[2027, regional.code])).content.decode()
    assert "Personalkostnaden saknar PO." in page
    assert "Återsänd" in page
    line = BudgetLine.objects.filter(period__year=2027, unit=regional, kind="personnel").first()
    edit = reverse("budget:line_edit", args=[2027, regional.code, line.code])
    assert client.get(edit).status_code == 200
    # … and submits again; the controller approves it.
    assert _post(client, head_regional, "submit", regional).status_code == 302
    assert _post(client, controller, "approve", regional).status_code == 302

    # Consolidation waits for every unit.
    client.post(reverse("cycle:consolidate", args=[2027]))
    assert not Consolidation.objects.filter(period__year=2027).exists()
    for submission in UnitSubmission.objects.filter(period__year=2027, status=Status.DRAFT):
        _post(client, controller, "submit", submission.unit)
        _post(client, controller, "approve", submission.unit)
    response = client.post(reverse("cycle:consolidate", args=[2027]), follow=True)
    consolidation = Consolidation.objects.get(period__year=2027)

    # The lines are 2026's, so the result from the units is 2026's −185 000 kr, which misses
    # the financial target and breaks the balance requirement; the printed total (and its
    # errors) did not come along.
    findings = validation.run(PlanningPeriod.objects.get(year=2027))
    missed = [f for f in findings if f.code == "budget.target_not_met"]
    assert len(missed) == 1 and missed[0].stated == Decimal("-185000")
    assert "-185\u00a0000\u00a0kr" in missed[0].message
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert [(f.code, f.stated) for f in errors] == [
        ("economy.balance_requirement", Decimal("-185000"))
    ]
    assert (consolidation.errors, consolidation.warnings) == (1, 3)
    assert "1 fel och 3 varningar" in response.content.decode()
    assert LogEntry.objects.filter(action="cycle.year.consolidated").count() == 1


def test_a_unit_head_cannot_change_lines_once_submitted_but_the_controller_can(client, year_2026):
    controller = make_controller()
    _start_2027(client, controller)
    unit = Unit.objects.get(code="kunskapsutveckling")
    head = make_unit_manager(unit)
    _post(client, head, "submit", unit)
    line = BudgetLine.objects.filter(period__year=2027, unit=unit).first()
    edit = reverse("budget:line_edit", args=[2027, unit.code, line.code])
    client.force_login(head)
    assert client.post(edit, {"label": "x"}).status_code == 403
    assert client.get(reverse("cycle:unit_text", args=[2027, unit.code])).status_code == 403
    page = client.get(reverse("budget:unit", args=[2027, unit.code])).content.decode()
    assert "kan inte ändras av enheten" in page
    assert 'hx-get="' + edit not in page
    client.force_login(controller)
    assert client.get(edit).status_code == 200


def test_the_transitions_refuse_the_wrong_people_and_states(client, year_2026):
    controller = make_controller()
    _start_2027(client, controller)
    regional = Unit.objects.get(code="regional-utveckling")
    welfare = Unit.objects.get(code="valfardsutveckling")
    head = make_unit_manager(regional)
    period = PlanningPeriod.objects.get(year=2027)

    # A unit head cannot submit another unit, nor approve (not even their own).
    assert _post(client, head, "submit", welfare).status_code == 403
    with pytest.raises(submissions.TransitionError, match="Bara enhetens chef"):
        submissions.submit(submissions.for_unit(period, welfare), head, 1)
    _post(client, head, "submit", regional)
    assert _post(client, head, "approve", regional).status_code == 403
    with pytest.raises(submissions.TransitionError, match="Bara en ekonom"):
        submissions.approve(submissions.for_unit(period, regional), head, 2)
    # Sending back needs a comment.
    with pytest.raises(submissions.TransitionError, match="Skriv en kommentar"):
        submissions.send_back(submissions.for_unit(period, regional), controller, " ", 2)
    # A stale version is refused rather than overwriting the newer state.
    with pytest.raises(submissions.TransitionError, match="under tiden"):
        submissions.approve(submissions.for_unit(period, regional), controller, 1)
    # An approved unit cannot be submitted again or edited by its head.
    submissions.approve(submissions.for_unit(period, regional), controller, 2)
    with pytest.raises(submissions.TransitionError, match="redan godkänd"):
        submissions.submit(submissions.for_unit(period, regional), head, 3)
    line = BudgetLine.objects.filter(period=period, unit=regional).first()
    client.force_login(head)
    edit = reverse("budget:line_edit", args=[2027, regional.code, line.code])
    assert client.get(edit).status_code == 403
    assert UnitSubmission.objects.get(period=period, unit=regional).status == Status.APPROVED


def test_a_reader_can_look_but_do_nothing(client, year_2026):
    from samverka.core.testing import make_reader

    controller = make_controller()
    _start_2027(client, controller)
    unit = Unit.objects.get(code="regional-utveckling")
    reader = make_reader()
    client.force_login(reader)
    assert client.get(reverse("cycle:status", args=[2027])).status_code == 200
    assert client.get(reverse("cycle:start_next_year", args=[2027])).status_code == 403
    assert client.post(reverse("cycle:consolidate", args=[2027])).status_code == 403
    for name in ("submit", "approve", "send_back", "comment"):
        assert _post(client, reader, name, unit, comment="x", text="x").status_code == 403
    assert UnitSubmission.objects.get(period__year=2027, unit=unit).status == Status.DRAFT
