"""Action codes and the Swedish sentences the history pages show for them.

Every code passed to `audit.recording.log` is listed in SENTENCES: a sentence template whose
`{placeholders}` are filled from the entry (`{object}` is what was changed, the others are keys
of the entry's data). `samverka/audit/tests/test_action_sentences.py` reads the source and fails
when a code is logged that has no sentence here, so a raw code never reaches a page.
"""

import logging
import string
from typing import Any

from django.utils.translation import gettext_lazy as _

from samverka.lib.money import format_number

logger = logging.getLogger(__name__)

SENTENCES: dict[str, Any] = {
    # Written by the audit signals for every AuditedModel.
    "created": _("skapade {object}"),
    "updated": _("ändrade {object}"),
    "deleted": _("tog bort {object}"),
    # orgs.founding
    "orgs.federation.founded": _(
        "lade upp förbundet {object} med {members} medlemmar och perioden {year}"
    ),
    # orgs.periods
    "orgs.period.adopted": _("antog perioden {object} genom beslut {decision}"),
    "orgs.period.revision_opened": _("öppnade perioden {object} för revidering {revision}"),
    "orgs.period.revised": _(
        "antog revidering {revision} av perioden {object} genom beslut {decision}"
    ),
    # goals.fetching: one entry per indicator and fetch, with its counts
    "goals.kolada.stored": _(
        "hämtade värden för {object} från {source}: {created} nya, {updated} ändrade"
    ),
    # core.scale (`samverka generate-scale`, for measuring speed)
    "core.scale.generated": _(
        "skapade ett syntetiskt förbund {factor} gånger exempelförbundet med {actuals} utfallsrader"
    ),
    # plan.activity_plans
    "plan.activity_plan.adopted": _("antog aktivitetsplanen {object} genom beslut {decision}"),
    "plan.activity_plan.revision_opened": _("öppnade en revidering av aktivitetsplanen {based_on}"),
    # cycle.rollover, cycle.submissions
    "cycle.year.started": _(
        "startade budgetåret {object} från {based_on}: {counts_budget_lines} budgetrader, "
        "{counts_priority_areas} prioriterade områden, {counts_activity_plans} aktivitetsplaner"
    ),
    "cycle.submission.submitted": _("lämnade in budgeten {object}"),
    "cycle.submission.returned": _("skickade tillbaka budgeten {object}: {comment}"),
    "cycle.submission.approved": _("godkände budgeten {object}"),
    "cycle.year.consolidated": _(
        "sammanställde budgeten {object}: {errors} fel, {warnings} varningar"
    ),
    # plan.followup
    "plan.round.opened": _("öppnade uppföljningsomgången {object}"),
    "plan.round.closed": _(
        "stängde uppföljningsomgången {object} med {reports} rapporter, {missing} saknades"
    ),
    # ledger.importing (entries written before the import pipeline; kept so they still read)
    "ledger.import": _("läste in utfall från {file_name}: {actual_rows} rader"),
    "ledger.import.replaced": _(
        "läste in utfall från {file_name}: {actual_rows} rader, som ersatte {replaced}"
    ),
    "ledger.import.remapped": _(
        "mappade om utfallet i {object} efter ändrade kopplingar: {rows_changed} rader ändrades"
    ),
    # imports.pipeline.record: one entry per import, with its file, hash and counts
    "imports.budget_xlsx": _(
        "importerade budgeten {object} från {file_name}: {counts_read} rader lästa, "
        "{counts_created} nya, {counts_updated} ändrade, {counts_deleted} borttagna"
    ),
    "imports.survey": _(
        "läste in medlemsenkätens svar från {file_name}: {counts_read} rader lästa, "
        "{counts_created} nya, {counts_deleted} borttagna"
    ),
    # attachments.attaching: logged on the object the file belongs to
    "attachments.added": _("lade till {kind} ”{title}” ({file_name}, {size})"),
    "attachments.removed": _("tog bort {kind} ”{title}” ({file_name}, {size})"),
    "ledger.sie_imported": _(
        "läste in utfall från SIE-filen {file_name}: {counts_read} rader lästa, "
        "{counts_created} nya, {counts_deleted} borttagna"
    ),
    # economy.plans
    "economy.scenario.proposed": _("gjorde scenariot {object} till förslag"),
}

# What a page shows for a code that somehow has no sentence: never the code itself.
UNKNOWN = _("registrerade en händelse")
MISSING_VALUE = "–"


def register(action: str, sentence: Any) -> None:
    """Add or replace the sentence for `action` (kept for apps that register in ready())."""
    SENTENCES[action] = sentence


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def _shown(value: Any) -> str:
    if value is None or value == "":
        return MISSING_VALUE
    if isinstance(value, bool):
        return str(_("ja") if value else _("nej"))
    if isinstance(value, int):
        return format_number(value)
    return str(value)


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return MISSING_VALUE


def describe(entry) -> str:
    """The Swedish sentence for one LogEntry, e.g. "antog perioden 2026 genom beslut DIR 7"."""
    template = SENTENCES.get(entry.action)
    if template is None:
        logger.warning("Audit action %r has no sentence in samverka.audit.actions", entry.action)
        return str(UNKNOWN)
    data = entry.data if isinstance(entry.data, dict) else {}
    values = _Values()
    for key, value in data.items():
        if key == "changes":
            continue
        if isinstance(value, dict):  # e.g. an import's counts: {counts_read}, {counts_created}
            values.update({f"{key}_{sub}": _shown(v) for sub, v in value.items()})
        else:
            values[key] = _shown(value)
    values["object"] = entry.object_repr or MISSING_VALUE
    try:
        return str(template).format_map(values)
    except (ValueError, IndexError):  # a translation with a stray brace: show it unfilled
        logger.warning("Audit sentence for %r cannot be filled in", entry.action)
        return str(template)
