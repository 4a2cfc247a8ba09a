"""The chapter "Fördjupad uppföljning: <programme>": the in-depth review that a programme's
assignment asks of the board at least every half year (the transition programme's UPPDRAG
6.1).

- When the last in-depth review was: the board meetings whose agenda fulfils the programme's
  interval reporting obligation (`decisions.ReportingObligation`, reporter = the programme),
  on or before the report's date, and when the next one is due.
- The activity plan in force on the report's date (the version adopted last by a decision on
  or before it), and per focus area how many of its activities have started, run or should be
  done by then. A plan activity has no reported status of its own: its dates say where it
  should be. The operational plan's activities of the programme's unit have reported statuses,
  shown beside it.
- The programme unit's budget, actual and forecast (`ledger.followup`), the programme's own
  budgeted revenue reconciled with its funding (`plan.funding`), the funding decisions and
  the co-financing register for the year.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.queries import unit_totals
from samverka.decisions.models import Meeting, ReportingObligation
from samverka.decisions.obligations import add_months
from samverka.ledger import tables as ledger_tables
from samverka.lib.findings import Finding, Severity
from samverka.lib.money import document_kr
from samverka.lib.tabular import Column, Kind, Table
from samverka.plan import funding as plan_funding
from samverka.plan.models import (
    ActivityPlan,
    CoFinancing,
    FocusArea,
    PlanActivity,
    Programme,
    ProgrammeBudget,
    ProgrammeGrant,
)
from samverka.reports.document import Callout, Facts, Heading, Paragraph, TableBlock
from samverka.reports.followup.activities import Activities, activity_table
from samverka.reports.followup.common import Scope
from samverka.reports.followup.economy import Economy

# Where a plan activity should be on the report's date, by its planned dates.
NOT_STARTED, RUNNING, DONE, UNDATED = "not_started", "running", "done", "undated"


def plan_position(activity: PlanActivity, on) -> str:
    if activity.start is None and activity.end is None:
        return UNDATED
    if activity.end is not None and activity.end < on:
        return DONE
    if activity.start is not None and activity.start > on:
        return NOT_STARTED
    return RUNNING


def position_label(position: str) -> str:
    return {
        NOT_STARTED: _("ska inte ha startat"),
        RUNNING: _("pågår enligt planen"),
        DONE: _("ska vara avslutad"),
        UNDATED: _("datum saknas"),
    }[position]


@dataclass
class Review:
    """The in-depth reviews the board has had, as its meetings' agendas record them."""

    obligation: ReportingObligation | None
    last: Meeting | None = None
    next_due: object = None  # datetime.date, or None when not followed up

    @property
    def tracked(self) -> bool:
        return self.obligation is not None and self.obligation.tracked_from is not None

    def overdue(self, on) -> bool:
        return self.next_due is not None and self.next_due < on


@dataclass
class ProgrammeReview:
    scope: Scope
    programme: Programme
    review: Review
    plan: ActivityPlan | None  # in force on the date, else the latest draft
    plan_adopted: bool
    plan_activities: list[PlanActivity]
    focus_areas: list[FocusArea]
    funding: list[plan_funding.YearFunding]
    findings: list[Finding]
    grants: list[ProgrammeGrant]
    co_financing: list[CoFinancing]
    budget: ProgrammeBudget | None
    unit_revenue: Decimal | None  # the programme unit's budgeted revenue in the budget
    activities: list = field(default_factory=list)  # operational plan activities of the unit
    has_round: bool = False  # whether their statuses come from a closed round

    def positions(self, focus_area: FocusArea) -> Counter:
        return Counter(
            plan_position(a, self.scope.on)
            for a in self.plan_activities
            if a.focus_area_id == focus_area.pk
        )

    @property
    def year_funding(self) -> plan_funding.YearFunding | None:
        return next((f for f in self.funding if f.year == self.scope.year), None)


def _review(scope: Scope, programme: Programme) -> Review:
    obligation = (
        ReportingObligation.objects.filter(
            reporter=programme.name, kind=ReportingObligation.Kind.INTERVAL
        )
        .select_related("body")
        .first()
    )
    review = Review(obligation)
    if not review.tracked:
        return review
    review.last = (
        Meeting.objects.filter(
            body=obligation.body,
            agenda__fulfils=obligation,
            date__gte=obligation.tracked_from,
            date__lte=scope.on,
        )
        .order_by("-date")
        .first()
    )
    anchor = review.last.date if review.last else obligation.tracked_from
    review.next_due = add_months(anchor, obligation.interval_months or 6)
    return review


def _plan(scope: Scope, programme: Programme) -> tuple[ActivityPlan | None, bool]:
    adopted = (
        ActivityPlan.objects.filter(
            programme=programme,
            year=scope.year,
            status__in=[ActivityPlan.Status.ADOPTED, ActivityPlan.Status.SUPERSEDED],
            decision__date__lte=scope.on,
        )
        .select_related("decision", "decision__body")
        .order_by("-decision__date", "-number")
        .first()
    )
    if adopted is not None:
        return adopted, True
    latest = ActivityPlan.objects.filter(programme=programme, year=scope.year).order_by("-number")
    return latest.first(), False


def gather_one(scope: Scope, programme: Programme, activities: Activities) -> ProgrammeReview:
    plan, adopted = _plan(scope, programme)
    unit_revenue = None
    if programme.unit is not None:
        unit_revenue = unit_totals(scope.period, programme.unit)["revenue"]
    return ProgrammeReview(
        scope=scope,
        programme=programme,
        review=_review(scope, programme),
        plan=plan,
        plan_adopted=adopted,
        plan_activities=list(plan.activities.select_related("focus_area")) if plan else [],
        focus_areas=list(programme.focus_areas.all()),
        funding=plan_funding.funding_by_year(programme),
        findings=plan_funding.reconcile(programme),
        grants=list(ProgrammeGrant.objects.filter(programme=programme).select_related("decision")),
        co_financing=list(
            CoFinancing.objects.filter(programme=programme, year=scope.year).select_related(
                "member", "grant"
            )
        ),
        budget=ProgrammeBudget.objects.filter(programme=programme, year=scope.year).first(),
        unit_revenue=unit_revenue,
        activities=activities.of_unit(programme.unit),
        has_round=activities.round is not None,
    )


def gather(scope: Scope, activities: Activities) -> list[ProgrammeReview]:
    return [
        gather_one(scope, programme, activities)
        for programme in Programme.objects.filter(federation=scope.federation).select_related(
            "unit"
        )
    ]


# --- Texts ----------------------------------------------------------------------------------


def review_text(review: ProgrammeReview) -> str:
    """When the last in-depth review was, and when the next is due, in a sentence."""
    r = review.review
    if r.obligation is None:
        return _("Ingen rapporteringsskyldighet för fördjupningen är registrerad.")
    if not r.tracked:
        return _(
            "Senaste fördjupning kan inte anges: rapporteringsskyldigheten har inget datum för "
            "när uppföljningen börjar (”följs upp från”)."
        )
    if r.last is None:
        text = _("Ingen fördjupning är registrerad sedan %(date)s.") % {
            "date": r.obligation.tracked_from.isoformat()
        }
    else:
        text = _("Senaste fördjupning: %(body)s %(date)s.") % {
            "body": r.last.body.name,
            "date": r.last.date.isoformat(),
        }
    if r.overdue(review.scope.on):
        then = _("Nästa skulle ha skett senast %(date)s och är försenad.")
    else:
        then = _("Nästa ska ske senast %(date)s.")
    return f"{text} {then % {'date': r.next_due.isoformat()}}"


def plan_text(review: ProgrammeReview) -> str:
    year = review.scope.year
    plan = review.plan
    if plan is None:
        return _("Det finns ingen tids- och aktivitetsplan för %(year)s.") % {"year": year}
    if review.plan_adopted:
        decision = plan.decision
        return _("Version %(number)s, fastställd av %(decision)s.") % {
            "number": plan.number,
            "decision": " ".join(
                p
                for p in (
                    decision.body.name if decision.body else "",
                    decision.date.isoformat(),
                    decision.number,
                )
                if p
            ),
        }
    return _("Inte fastställd: version %(number)s är ett utkast med %(n)s aktiviteter.") % {
        "number": plan.number,
        "n": len(review.plan_activities),
    }


def summary_text(review: ProgrammeReview) -> str:
    """One line for the report's summary."""
    year = review.scope.year
    if review.plan is not None and review.plan_adopted:
        plan = _("aktivitetsplanen %(year)s är fastställd") % {"year": year}
    else:
        plan = _("aktivitetsplanen %(year)s är inte fastställd") % {"year": year}
    return f"{plan}. {review_text(review)}"


# --- Tables ---------------------------------------------------------------------------------


def _focus_table(review: ProgrammeReview) -> Table:
    scope = review.scope
    draft = "" if review.plan_adopted else " " + _("(utkast)")
    table = Table(
        f"insatsomraden-{scope.on.isoformat()}",
        _("Aktivitetsplanen per insatsområde per %(date)s%(draft)s")
        % {"date": scope.on.isoformat(), "draft": draft},
        [
            Column("insatsomrade", _("Insatsområde")),
            Column("aktiviteter", _("Aktiviteter"), Kind.INTEGER),
            Column("pagar", _("Pågår"), Kind.INTEGER),
            Column("avslutade", _("Avslutade"), Kind.INTEGER),
            Column("ej_startade", _("Ej startade"), Kind.INTEGER),
            Column("utan_datum", _("Utan datum"), Kind.INTEGER),
        ],
        source=_(
            "Läget enligt aktiviteternas planerade start och slut: pågår, ska vara avslutade, "
            "ska inte ha startat, eller saknar datum."
        ),
    )
    for focus_area in review.focus_areas:
        c = review.positions(focus_area)
        table.add(
            focus_area.name,
            sum(c.values()),
            c[RUNNING],
            c[DONE],
            c[NOT_STARTED],
            c[UNDATED],
        )
    c = Counter(plan_position(a, scope.on) for a in review.plan_activities)
    table.add(
        _("Summa"),
        len(review.plan_activities),
        c[RUNNING],
        c[DONE],
        c[NOT_STARTED],
        c[UNDATED],
        emphasis=True,
    )
    return table


def _plan_activity_table(review: ProgrammeReview) -> Table:
    table = Table(
        f"aktivitetsplan-{review.scope.year}-aktiviteter",
        _("Aktiviteterna i aktivitetsplanen %(year)s") % {"year": review.scope.year},
        [
            Column("insatsomrade", _("Insatsområde")),
            Column("aktivitet", _("Aktivitet")),
            Column("ansvarig", _("Ansvarig")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("lage", _("Läge enligt planen")),
        ],
    )
    for activity in review.plan_activities:
        table.add(
            activity.focus_area.name,
            activity.title,
            activity.responsible,
            activity.start,
            activity.end,
            position_label(plan_position(activity, review.scope.on)),
        )
    return table


def _funding_table(review: ProgrammeReview) -> Table:
    table = Table(
        f"finansiering-{review.programme.code}",
        _("Budgeterade intäkter och registrerad finansiering per år"),
        [
            Column("ar", _("År")),
            Column("budget", _("Budgeterade intäkter (kr)"), Kind.MONEY),
            Column("finansiering", _("Registrerad finansiering (kr)"), Kind.MONEY),
            Column("skillnad", _("Skillnad (kr)"), Kind.MONEY),
        ],
        source=_("Uppdragets budget och medfinansieringsregistret."),
    )
    for row in review.funding:
        table.add(str(row.year), row.budget, row.funding, row.difference)
    return table


def _grants_table(review: ProgrammeReview) -> Table:
    table = Table(
        f"finansieringsbeslut-{review.programme.code}",
        _("Finansieringsbeslut"),
        [
            Column("beslut", _("Beslut")),
            Column("finansiar", _("Finansiär")),
            Column("belopp", _("Belopp (kr)"), Kind.MONEY),
            Column("ar", _("År")),
            Column("datum", _("Beslutsdatum")),
        ],
    )
    for grant in review.grants:
        years = ""
        if grant.first_year:
            years = (
                str(grant.first_year)
                if grant.last_year in (None, grant.first_year)
                else f"{grant.first_year}–{grant.last_year}"
            )
        date = grant.decision.date.isoformat() if grant.decision else (grant.date_note or "")
        table.add(grant.title, grant.funder, grant.amount, years, date)
    return table


def _co_financing_table(review: ProgrammeReview) -> Table:
    year = review.scope.year
    table = Table(
        f"medfinansiering-{review.programme.code}-{year}",
        _("Medfinansiering %(year)s") % {"year": year},
        [
            Column("vem", _("Kommun eller finansiär")),
            Column("insats", _("Insats")),
            Column("belopp", _("Belopp (kr)"), Kind.MONEY),
            Column("beslut", _("Del av finansieringsbeslut")),
        ],
    )
    for entry in review.co_financing:
        table.add(
            entry.contributor,
            entry.initiative,
            entry.amount,
            entry.grant.title if entry.grant else "",
        )
    table.add(
        _("Summa"), "", sum((e.amount for e in review.co_financing), Decimal(0)), "", emphasis=True
    )
    return table


# --- Blocks ---------------------------------------------------------------------------------


def _review_facts(review: ProgrammeReview) -> list[tuple[str, str]]:
    r = review.review
    if not r.tracked:
        return [(_("Senaste fördjupning"), review_text(review))]
    last = f"{r.last.body.name} {r.last.date.isoformat()}" if r.last else _("ingen registrerad")
    next_due = r.next_due.isoformat()
    if r.overdue(review.scope.on):
        next_due = _("%(date)s (försenad)") % {"date": next_due}
    return [(_("Senaste fördjupning"), last), (_("Nästa fördjupning senast"), next_due)]


def _severity(finding: Finding) -> str:
    return "error" if finding.severity == Severity.ERROR else "warning"


def blocks(review: ProgrammeReview, economy: Economy) -> list:
    scope, programme = review.scope, review.programme
    out: list = [Heading(_("Fördjupad uppföljning: %(programme)s") % {"programme": programme.name})]
    if programme.reporting:
        out.append(
            Paragraph(
                _("Uppdragshandlingen om rapportering och uppföljning: %(text)s")
                % {"text": programme.reporting.split("\n\n")[0].strip()},
                "quote",
            )
        )
    year_funding = review.year_funding
    facts = [*_review_facts(review)]
    facts += [
        (_("Tids- och aktivitetsplan %(year)s") % {"year": scope.year}, plan_text(review)),
        (_("Insatsområden"), str(len(review.focus_areas))),
    ]
    if year_funding is not None:
        facts.append(
            (
                _("Budgeterade intäkter %(year)s") % {"year": scope.year},
                document_kr(year_funding.budget) if year_funding.budget is not None else "–",
            )
        )
        facts.append(
            (
                _("Registrerad finansiering %(year)s") % {"year": scope.year},
                document_kr(year_funding.funding),
            )
        )
    out.append(Facts(tuple(facts)))
    if review.review.tracked and review.review.overdue(scope.on):
        out.append(
            Callout(
                _(
                    "Fördjupningen skulle ha skett senast %(date)s. Uppdragshandlingen kräver en "
                    "fördjupning minst en gång per halvår."
                )
                % {"date": review.review.next_due.isoformat()},
                "warning",
                _("Fördjupningen är försenad"),
            )
        )
    if not review.plan_adopted:
        out.append(
            Callout(
                _(
                    "Direktionen ska fastställa tids- och aktivitetsplanen varje år. Ingen version "
                    "för %(year)s är fastställd per %(date)s."
                )
                % {"year": scope.year, "date": scope.on.isoformat()},
                "warning",
                _("Aktivitetsplanen är inte fastställd"),
            )
        )
    out.extend(_plan_blocks(review))
    out.extend(_economy_blocks(review, economy))
    out.extend(_funding_blocks(review))
    return out


def _plan_blocks(review: ProgrammeReview) -> list:
    out: list = [Heading(_("Aktivitetsplanen per insatsområde"), 2)]
    if review.plan is None or not review.plan_activities:
        out.append(
            Paragraph(
                _(
                    "Aktivitetsplanen har inga aktiviteter ännu, så inget insatsområde har "
                    "planerade aktiviteter att följa upp."
                )
            )
        )
    out.append(TableBlock(_focus_table(review)))
    if review.plan_activities:
        out.append(TableBlock(_plan_activity_table(review), caption_visible=False))
    if review.activities:
        out.append(Heading(_("Aktiviteter i verksamhetsplanen"), 2))
        out.append(
            Paragraph(
                _(
                    "Verksamhetsplanens aktiviteter med %(unit)s som ansvarig enhet, med status "
                    "från den senaste stängda uppföljningen."
                )
                % {"unit": review.programme.unit.name}
            )
        )
        out.append(
            TableBlock(
                activity_table(
                    f"aktiviteter-{review.programme.code}-{review.scope.on.isoformat()}",
                    _("Aktiviteter med %(unit)s som ansvarig")
                    % {"unit": review.programme.unit.name},
                    review.activities,
                    with_status=review.has_round,
                ),
                caption_visible=False,
            )
        )
    return out


def _economy_blocks(review: ProgrammeReview, economy: Economy) -> list:
    unit = review.programme.unit
    if unit is None:
        return []
    out: list = [Heading(_("Ekonomi"), 2)]
    follow = economy.follow_for(unit)
    if follow is not None:
        table = ledger_tables.unit_summary_table(follow)
        # The same figures as under Ekonomi; a key of its own keeps a document's keys unique.
        out.append(TableBlock(replace(table, key=f"{table.key}-fordjupning")))
    else:
        out.append(Paragraph(_("Inget utfall att redovisa för enheten; se kapitlet Ekonomi.")))
    budget = review.budget
    if budget is not None and review.unit_revenue is not None:
        if budget.revenue == review.unit_revenue:
            text = _(
                "Uppdragets budgeterade intäkter, %(amount)s, är desamma som enhetens intäkter i "
                "budgeten %(year)s."
            ) % {"amount": document_kr(budget.revenue), "year": review.scope.year}
            out.append(Paragraph(text))
        else:
            out.append(
                Callout(
                    _(
                        "Uppdragets budgeterade intäkter är %(programme)s men enhetens intäkter i "
                        "budgeten %(year)s är %(unit)s."
                    )
                    % {
                        "programme": document_kr(budget.revenue),
                        "unit": document_kr(review.unit_revenue),
                        "year": review.scope.year,
                    },
                    "warning",
                )
            )
    return out


def _funding_blocks(review: ProgrammeReview) -> list:
    out: list = [Heading(_("Finansiering och medfinansiering"), 2)]
    if review.funding:
        out.append(TableBlock(_funding_table(review)))
    for finding in review.findings:
        out.append(Callout(finding.message, _severity(finding)))
    if review.funding and not review.findings:
        out.append(
            Paragraph(_("Varje års budgeterade intäkter motsvaras av registrerad finansiering."))
        )
    if review.grants:
        out.append(TableBlock(_grants_table(review)))
    if review.co_financing:
        out.append(TableBlock(_co_financing_table(review)))
    else:
        out.append(
            Paragraph(
                _("Ingen medfinansiering är registrerad för %(year)s.")
                % {"year": review.scope.year}
            )
        )
    return out
