"""The appendix of a draft: every finding of the budget's validation, as a table."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.lib.findings import Finding, Severity
from samverka.lib.tabular import Column, Kind, Table
from samverka.reports.document import Block, Heading, Paragraph, TableBlock
from samverka.reports.plan.common import Plan

ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def appendix(plan: Plan) -> list[Block]:
    findings = sorted(plan.findings, key=lambda f: ORDER.get(f.severity, 3))
    result: list[Block] = [Heading(_("Bilaga: Kontrollresultat"), 1, "kontrollresultat")]
    if not findings:
        result.append(Paragraph(_("Kontrollerna av budgeten hittar inget att anmärka på.")))
        return result
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    summary = ngettext(
        "Kontrollerna av budgeten ger %(n)s iakttagelse",
        "Kontrollerna av budgeten ger %(n)s iakttagelser",
        len(findings),
    ) % {"n": len(findings)}
    summary += ", " + _(
        "varav %(errors)s fel, %(warnings)s varningar och %(infos)s upplysningar."
    ) % {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }
    summary += " " + _(
        "Ett fel ska rättas, eller godtas uttryckligen när direktionen antar planen. Bilagan "
        "följer bara med utkast."
    )
    result.append(Paragraph(summary))
    # One table per severity, errors first: the message (which names the place) gets the line's
    # width, and a reader finds the errors without reading the notes.
    for severity in Severity:
        found = [f for f in findings if f.severity == severity]
        if found:
            result.append(TableBlock(findings_table(plan.year, severity, found)))
    return result


TITLES = {
    Severity.ERROR: _("Fel"),
    Severity.WARNING: _("Varningar"),
    Severity.INFO: _("Upplysningar"),
}


def findings_table(year: int, severity: Severity, findings: list[Finding]) -> Table:
    table = Table(
        f"kontrollresultat-{year}-{severity.value}",
        _("%(kind)s (%(n)s)") % {"kind": TITLES[severity], "n": len(findings)},
        [
            Column("vad", _("Vad")),
            Column("forvantat", _("Förväntat (kr)"), Kind.MONEY),
            Column("angivet", _("Angivet (kr)"), Kind.MONEY),
            Column("skillnad", _("Skillnad (kr)"), Kind.MONEY),
        ],
    )
    for finding in findings:
        table.add(
            finding.message,
            _amount(finding.expected),
            _amount(finding.stated),
            finding.difference,
        )
    return table


def _amount(value):
    # A finding may compare texts (a name); the message says them, the amount columns stay empty.
    return value if not isinstance(value, str) else None
