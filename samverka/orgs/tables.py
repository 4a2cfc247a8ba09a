"""The members and their populations as `lib.tabular.Table`: what the member pages show, the
documents print (the fee basis) and the exports and open data serve. Built once here.

- `members_table()`: each member with its latest population, as the member list shows it; a
  member without one keeps its row with empty figures.
- `populations_table()`: every population figure entered or fetched, one row per member and
  reference date, with its source.
"""

from django.utils.translation import gettext as _

from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import Member, Population


def _columns() -> list[Column]:
    return [
        Column("kommunkod", _("Kommunkod")),
        Column("kommun", _("Kommun")),
        Column("invanare", _("Invånare"), Kind.INTEGER),
        Column("referensdatum", _("Referensdatum"), Kind.DATE),
        Column("kalla", _("Källa")),
    ]


def members_table() -> Table:
    table = Table(
        "medlemskommuner",
        _("Medlemskommuner med senaste folkmängd"),
        _columns(),
        source=_("Folkmängd från SCB eller inmatad av ekonomen; källan står på varje rad."),
    )
    missing = []
    newest = Population.latest_by_member()
    for member in Member.objects.all():
        latest = newest.get(member.pk)
        if latest is None:
            missing.append(member.name)
            table.add(member.municipality_code, member.name, None, None, None)
        else:
            table.add(
                member.municipality_code,
                member.name,
                latest.inhabitants,
                latest.reference_date,
                latest.source,
            )
    if missing:
        table.notes.append(_("Folkmängd saknas för: %(names)s.") % {"names": ", ".join(missing)})
    return table


def populations_table() -> Table:
    table = Table(
        "folkmangd",
        _("Folkmängd per medlemskommun och datum"),
        _columns(),
    )
    for population in Population.objects.select_related("member").order_by(
        "member__name", "reference_date"
    ):
        table.add(
            population.member.municipality_code,
            population.member.name,
            population.inhabitants,
            population.reference_date,
            population.source,
        )
    return table
