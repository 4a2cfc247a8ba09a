"""The decision register as a `lib.tabular.Table`: what the register page lists (with the same
filters, `register.Filter`), the documents print and the exports and open data serve.

One row per decision: date, body, § number, title, status (taken or scheduled), the decision
text, the matter(s) it concluded (from the meetings' agendas), what it decides (its links:
a period, a plan version, a project …) and the source. All matching decisions, not one page.
"""

from django.utils.translation import gettext as _

from samverka.decisions import register
from samverka.decisions.models import Decision
from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import GoverningBody


def _matters(decision: Decision) -> str:
    titles = []
    for item in decision.agenda_items.all():
        if item.matter and item.matter.title not in titles:
            titles.append(item.matter.title)
    return "; ".join(titles)


def _decides(decision: Decision) -> str:
    return "; ".join(
        f"{str(link.content_type.name).capitalize()}: {link}" for link in decision.links.all()
    )


def describe(criteria: register.Filter) -> str:
    """The filter in words, for the title: "Direktionen, 2025, sökning ”APL”"."""
    parts = []
    if criteria.body_code:
        body = GoverningBody.objects.filter(code=criteria.body_code).first()
        parts.append(body.name if body else criteria.body_code)
    if criteria.year is not None:
        parts.append(str(criteria.year))
    if criteria.query:
        parts.append(_("sökning ”%(query)s”") % {"query": criteria.query})
    return ", ".join(parts)


def register_table(criteria: register.Filter | None = None) -> Table:
    criteria = criteria or register.Filter()
    title = _("Beslutsregister")
    if description := describe(criteria):
        title = f"{title} – {description}"
    table = Table(
        "beslutsregister" + (f"-{criteria.year}" if criteria.year else ""),
        title,
        [
            Column("datum", _("Datum"), Kind.DATE),
            Column("organ", _("Organ")),
            Column("paragraf", _("Paragraf")),
            Column("rubrik", _("Rubrik")),
            Column("status", _("Status")),
            Column("beslutstext", _("Beslutstext")),
            Column("arende", _("Ärende")),
            Column("beslutar_om", _("Beslutar om")),
            Column("kalla", _("Källa")),
        ],
        source=_("Beslutsregistret"),
    )
    for decision in register.decisions(criteria):
        table.add(
            decision.date,
            decision.body.name if decision.body else "",
            decision.number,
            decision.title,
            decision.get_status_display(),
            decision.text,
            _matters(decision),
            _decides(decision),
            decision.source,
        )
    return table
