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
    result.append(TableBlock(findings_table(plan.year, findings)))
    return result


def findings_table(year: int, findings: list[Finding]) -> Table:
    table = Table(
        f"kontrollresultat-{year}",
        _("Kontrollresultat %(year)s") % {"year": year},
        [
            Column("allvarlighet", _("Allvarlighet")),
            Column("vad", _("Vad")),
            Column("var", _("Var")),
            Column("forvantat", _("Förväntat (kr)"), Kind.MONEY),
            Column("angivet", _("Angivet (kr)"), Kind.MONEY),
            Column("skillnad", _("Skillnad (kr)"), Kind.MONEY),
        ],
    )
    for finding in findings:
        table.add(
            finding.severity.label,
            finding.message,
            ", ".join(f"{key}: {value}" for key, value in finding.where.items()),
            _amount(finding.expected),
            _amount(finding.stated),
            finding.difference,
        )
    return table


def _amount(value):
    # A finding may compare texts (a name); the message says them, the amount columns stay empty.
    return value if not isinstance(value, str) else None
