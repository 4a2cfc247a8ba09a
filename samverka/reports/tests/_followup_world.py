"""The Skaraborg seed with a year of follow-up in it: what the follow-up report's tests read.

`follow_up_world(directory)` loads nothing itself; call it on a loaded seed
(`core.seeding.load_skaraborg()`). It imports the real SIE sample moved to 2026 (its BAS
chart mapped as a controller would: `ledger.testing.BAS_RANGES`, cost centre Nord →
Regional utveckling, Syd → the programme's unit), closes a follow-up round with reports and
opens another, adopts the programme's activity plan, registers an in-depth review, and adds
indicator values, a manual forecast, a variance comment and project figures.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from samverka.budget.models import LineKind
from samverka.decisions.models import AgendaItem, Decision, Meeting, ReportingObligation
from samverka.goals.models import Indicator, Measurement, TargetValue
from samverka.ledger import importing
from samverka.ledger import testing as ledger_testing
from samverka.ledger.models import AccountRange, ManualForecast, VarianceComment
from samverka.lib.paths import SIE_SAMPLES_DIR
from samverka.orgs.models import Federation, GoverningBody, PlanningPeriod, Unit
from samverka.plan import activity_plans, followup
from samverka.plan.models import Activity, ActivityPlan, ActivityReport, PlanActivity, Programme
from samverka.portfolio import testing as portfolio_testing
from samverka.portfolio.models import Financing, Project

OVNBOLAG = SIE_SAMPLES_DIR / "transaktioner_ovnbolag.se"
REPORT_DATE = datetime.date(2026, 8, 31)
Judgement = ActivityReport.Judgement


@dataclass
class World:
    period: PlanningPeriod
    programme: Programme
    nord: Unit  # cost centre Nord of the sample
    syd: Unit  # cost centre Syd: the programme's unit
    at_risk: Activity  # "at risk" in the closed round, "on track" in the open one
    off_track: Activity
    on_track: Activity
    unreported: Activity
    closed_round: object
    open_round: object
    sie_file: Path  # the sample as imported, moved to 2026


def import_sample(directory: Path, federation: Federation) -> Path:
    """The sample's BAS chart replaces the seed's Kommun-Bas ranges, as for a federation whose
    accounts follow BAS; its two cost centres are mapped to two units."""
    AccountRange.objects.filter(federation=federation).delete()
    ledger_testing.make_ranges(federation)
    ledger_testing.map_cost_centre(federation, "Nord", Unit.objects.get(code="regional-utveckling"))
    ledger_testing.map_cost_centre(
        federation, "Syd", Unit.objects.get(code="omstallning-skaraborg")
    )
    moved = ledger_testing.sample_moved_to(OVNBOLAG, directory / "ovnbolag-2026.se", 2026)
    result = importing.import_sie(moved)
    assert result.status == "imported" and result.period.year == 2026
    return moved


def _report(round_, activity, status, judgement, comment=""):
    return followup.submit_report(
        round_,
        activity,
        None,
        status=status,
        judgement=judgement,
        comment=comment,
        status_date=round_.deadline,
    )


def _rounds(period: PlanningPeriod) -> tuple:
    activities = list(Activity.objects.filter(priority_area__period=period))
    at_risk, off_track, on_track, unreported = (
        activities[0],
        activities[1],
        activities[4],
        activities[5],
    )
    on_track.unit = Unit.objects.get(code="omstallning-skaraborg")  # the programme's own
    on_track.save()
    closed = followup.open_round(
        period,
        code="augusti-2026",
        title="Uppföljning augusti 2026",
        deadline=datetime.date(2026, 8, 25),
    )
    _report(closed, at_risk, "ongoing", Judgement.AT_RISK, "Det nationella systemet är försenat.")
    _report(closed, off_track, "delayed", Judgement.OFF_TRACK, "Finansieringen saknas.")
    _report(closed, on_track, "ongoing", Judgement.ON_TRACK)
    followup.close_round(closed)
    # A later round, still open: its answers are not final and must not reach the report.
    opened = followup.open_round(
        period,
        code="oktober-2026",
        title="Uppföljning oktober 2026",
        deadline=datetime.date(2026, 8, 28),
    )
    _report(opened, at_risk, "done", Judgement.ON_TRACK, "Klart.")
    return at_risk, off_track, on_track, unreported, closed, opened


def _programme(federation: Federation) -> Programme:
    programme = Programme.objects.get(federation=federation)
    board = GoverningBody.objects.get(code="direktion")
    meeting = Meeting.objects.create(body=board, date=datetime.date(2026, 2, 13))
    decision = Decision.objects.create(
        federation=federation,
        body=board,
        meeting=meeting,
        date=meeting.date,
        number="§ 7",
        title="Tids- och aktivitetsplan för Omställning Skaraborg 2026",
    )
    plan = ActivityPlan.objects.get(programme=programme, year=2026)
    areas = {a.code: a for a in programme.focus_areas.all()}
    for n, (area, title, start, end) in enumerate(
        [
            ("samhallsplanering", "Regional bostadsförsörjningsanalys", "2026-01-01", "2026-06-30"),
            ("etablering", "Etableringsstöd till kommunerna", "2026-02-01", "2026-12-31"),
            ("kompetens", "Kompetensförsörjning för batteriindustrin", "2026-09-01", "2027-06-30"),
            ("finansiering", "Finansieringspolicy", None, None),
        ]
    ):
        PlanActivity.objects.create(
            plan=plan,
            focus_area=areas[area],
            title=title,
            start=start and datetime.date.fromisoformat(start),
            end=end and datetime.date.fromisoformat(end),
            sort_order=n,
        )
    activity_plans.adopt(plan, decision)
    obligation = ReportingObligation.objects.get(code="omstallning-fordjupning-halvar")
    obligation.tracked_from = datetime.date(2025, 9, 1)
    obligation.save()
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, title="Fördjupning: Omställning Skaraborg"
    )
    item.fulfils.add(obligation)
    return programme


def _indicators() -> None:
    population = Indicator.objects.get(name__startswith="Befolkningsutveckling")
    population.baseline_year = 2024
    population.save()
    for year, value in [(2024, "267100"), (2025, "268800")]:
        Measurement.objects.create(
            indicator=population,
            year=year,
            value=Decimal(value),
            origin=Measurement.Origin.MANUAL,
            source="test",
            fetched_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        )
    survey = Indicator.objects.filter(source_kind=Indicator.SourceKind.SURVEY).first()
    TargetValue.objects.create(indicator=survey, year=2026, value=Decimal("60"))
    Measurement.objects.create(
        indicator=survey,
        year=2026,
        value=Decimal("50.0"),
        origin=Measurement.Origin.MANUAL,
        source="test",
        fetched_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
    )


def _projects() -> None:
    elsa = Project.objects.get(code="krafttag-i-vast-elsa")
    portfolio_testing.set_year_budget(elsa, 2026, 1200000, personnel_costs=Decimal(800000))
    Financing.objects.create(
        project=elsa, year=2026, kind=Financing.Kind.DRUM, amount=Decimal(400000)
    )


def follow_up_world(directory: Path) -> World:
    period = PlanningPeriod.objects.get(year=2026)
    federation = period.federation
    sie_file = import_sample(directory, federation)
    syd = Unit.objects.get(code="omstallning-skaraborg")
    ManualForecast.objects.create(
        period=period,
        unit=syd,
        line_kind=LineKind.PERSONNEL,
        amount=Decimal("-2100000"),
        note="Ny projektledare från maj",
    )
    VarianceComment.objects.create(
        period=period,
        unit=syd,
        line_kind=LineKind.PERSONNEL,
        month=3,
        text="Rekryteringen gjordes tidigare än planerat.",
    )
    at_risk, off_track, on_track, unreported, closed, opened = _rounds(period)
    programme = _programme(federation)
    _indicators()
    _projects()
    return World(
        period,
        programme,
        Unit.objects.get(code="regional-utveckling"),
        syd,
        at_risk,
        off_track,
        on_track,
        unreported,
        closed,
        opened,
        sie_file,
    )
