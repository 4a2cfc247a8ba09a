"""The board's follow-up report for a chosen date (delårsrapport / uppföljning).

    document = build(period, datetime.date(2026, 8, 31))  # "Delårsrapport januari–augusti 2026"

A summary, then one chapter per module of this package: the economy and the financial targets
(`economy`), the goals' indicators (`indicators`), the priority areas' activities from the
latest closed follow-up round (`activities`), the project portfolio (`portfolio`) and the
in-depth review of each programme (`programme`). Each module gathers its figures once; the
summary is written from the same figures, so it cannot disagree with the chapters.
"""

import datetime

from django.utils.translation import gettext as _

from samverka.lib.money import document_kr
from samverka.orgs.models import PlanningPeriod
from samverka.plan.models import ActivityReport
from samverka.reports.document import BulletList, Callout, Document, Facts, Heading, Paragraph
from samverka.reports.followup import activities as activities_chapter
from samverka.reports.followup import economy as economy_chapter
from samverka.reports.followup import indicators as indicators_chapter
from samverka.reports.followup import portfolio as portfolio_chapter
from samverka.reports.followup import programme as programme_chapter
from samverka.reports.followup.common import Scope, month_and_year, title_for

__all__ = ["build"]


class ReportDateError(ValueError):
    """The date is not in the period's year or later (a report cannot precede its year)."""


def build(period: PlanningPeriod, on: datetime.date) -> Document:
    if on.year < period.year:
        raise ReportDateError(
            _("Uppföljningen av %(year)s kan inte göras per %(date)s, före årets början.")
            % {"year": period.year, "date": on.isoformat()}
        )
    scope = Scope(period, on)
    economy = economy_chapter.gather(scope)
    targets = economy_chapter.targets(economy)
    goals = indicators_chapter.gather(scope)
    activities = activities_chapter.gather(scope)
    portfolio = portfolio_chapter.gather(scope)
    programmes = programme_chapter.gather(scope, activities)

    title, key = title_for(on, period.year)
    subtitle = _("Ekonomi, mål, aktiviteter och projekt per %(date)s") % {"date": on.isoformat()}
    if programmes:
        subtitle += _(", med fördjupad uppföljning av %(names)s") % {
            "names": ", ".join(p.programme.name for p in programmes)
        }
    document = Document(
        key=key,
        title=title,
        organisation=period.federation.name,
        subtitle=subtitle,
        draft=True,
        date=on,
    )
    document.add(*_summary(scope, economy, targets, goals, activities, portfolio, programmes))
    document.add(*economy_chapter.blocks(economy))
    document.add(*economy_chapter.target_blocks(economy, targets))
    document.add(*indicators_chapter.blocks(scope, goals))
    document.add(*activities_chapter.blocks(scope, activities))
    document.add(*portfolio_chapter.blocks(scope, portfolio))
    for review in programmes:
        document.add(*programme_chapter.blocks(review, economy))
    return document


def _summary(scope, economy, targets, goals, activities, portfolio, programmes) -> list:
    out: list = [Heading(_("Sammanfattning"))]
    lead = _(
        "Rapporten visar förbundets läge per %(date)s: ekonomin med prognos för helåret, de "
        "finansiella målen, målens indikatorer, de prioriterade områdenas aktiviteter och "
        "projektportföljen."
    ) % {"date": scope.on.isoformat()}
    for review in programmes:
        lead += " " + _(
            "%(programme)s följs upp fördjupat, som uppdragshandlingen kräver minst en gång per "
            "halvår."
        ) % {"programme": review.programme.name}
    out.append(Paragraph(lead, "lead"))
    facts = []
    if economy.has_actuals:
        total = economy.total
        facts += [
            (
                _("Utfall till och med"),
                month_and_year(economy.month, scope.year),
            ),
            (_("Resultat, budget helår"), document_kr(total.year_budget)),
            (_("Resultat, prognos helår"), document_kr(total.forecast)),
            (_("Prognos mot budget"), economy_chapter.variance_sentence(total)),
        ]
    else:
        facts += [
            (_("Utfall"), _("Inget utfall att redovisa")),
            (_("Resultat, budget helår"), document_kr(economy.budget_result)),
        ]
    met = sum(1 for t in targets if t.met)
    unknown = sum(1 for t in targets if t.met is None)
    target_text = _("%(met)s av %(n)s uppfyllda") % {"met": met, "n": len(targets)}
    if unknown:
        target_text += _(", %(n)s kan inte bedömas") % {"n": unknown}
    if not targets:
        target_text = _("Förbundet har inga finansiella mål för året")
    facts.append((_("Finansiella mål"), target_text))
    indicator_text = indicators_chapter.count_text(goals)
    if indicator_text:
        facts.append((_("Indikatorer"), indicator_text))
    if activities.round is not None:
        facts.append(
            (
                _("Aktiviteter (%(round)s)") % {"round": activities.round.title},
                activities_chapter.count_text(activities),
            )
        )
    elif activities.all:
        facts.append((_("Aktiviteter"), _("Ingen stängd uppföljningsomgång")))
    facts.append(
        (
            _("Projekt"),
            _(
                "%(running)s i budgeten, %(ending)s slutar inom sex månader, %(past)s har "
                "passerat slutdatum"
            )
            % {
                "running": len(portfolio.running),
                "ending": len(portfolio.ending),
                "past": len(portfolio.past_end),
            },
        )
    )
    for review in programmes:
        text = programme_chapter.summary_text(review)
        facts.append((review.programme.name, text[:1].upper() + text[1:]))
    out.append(Facts(tuple(facts)))
    if not economy.has_actuals:
        out.append(Callout(economy_chapter.no_actuals_text(economy), "warning"))
    elif economy.lags:
        out.append(Callout(economy_chapter.lag_text(economy), "warning"))
    notes = _notable(scope, economy, targets, activities, portfolio, programmes)
    if notes:
        out.append(Heading(_("Att uppmärksamma"), 2))
        out.append(BulletList(tuple(notes)))
    return out


def _notable(scope, economy, targets, activities, portfolio, programmes) -> list[str]:
    notes = []
    if economy.has_actuals:
        missing = {u.pk for u in economy.units_without_actuals}
        for summary in economy.notable():
            if summary.unit.pk in missing:
                continue
            row = summary.result
            notes.append(
                _("%(unit)s: prognosen för resultatet är %(forecast)s, %(variance)s.")
                % {
                    "unit": summary.unit.name,
                    "forecast": document_kr(row.forecast),
                    "variance": economy_chapter.variance_sentence(row),
                }
            )
        if missing:
            notes.append(
                _("Inget utfall är bokfört på %(units)s.")
                % {"units": ", ".join(u.name for u in economy.units_without_actuals)}
            )
    for target in targets:
        if target.met is False:
            notes.append(
                _("Målet ”%(target)s” uppfylls inte (bedömt på %(basis)s: %(value)s).")
                % {"target": target.label, "basis": target.basis, "value": target.value}
            )
    for item in activities.with_judgement(
        ActivityReport.Judgement.OFF_TRACK, ActivityReport.Judgement.AT_RISK
    ):
        judgement = item.report.get_judgement_display()
        notes.append(
            _("%(judgement)s: %(activity)s")
            % {"judgement": judgement[:1].upper() + judgement[1:], "activity": item.activity.title}
        )
    for project in portfolio.past_end:
        notes.append(
            _("%(project)s slutade %(date)s men står som %(status)s.")
            % {
                "project": project.name,
                "date": project.end.isoformat(),
                "status": project.get_status_display(),
            }
        )
    for review in programmes:
        for finding in review.findings:
            notes.append(finding.message)
        if review.review.tracked and review.review.overdue(scope.on):
            notes.append(
                _("%(programme)s: fördjupningen skulle ha skett senast %(date)s.")
                % {
                    "programme": review.programme.name,
                    "date": review.review.next_due.isoformat(),
                }
            )
    return notes
