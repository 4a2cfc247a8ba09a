"""Inledning: the introduction, the federation's mission, its organisation and present situation."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.lib.tabular import Column, Table
from samverka.orgs.models import Affiliation, GoverningBody, Member, Seat, Unit
from samverka.reports.document import Block, Facts, Heading, Paragraph, TableBlock
from samverka.reports.models import PlanText
from samverka.reports.plan.common import Plan, capfirst, join_names, without_empty_columns
from samverka.reports.texts import blocks

Section = PlanText.Section


def chapter(plan: Plan) -> list[Block]:
    result: list[Block] = [Heading(_("Inledning"), 1, "inledning")]
    result += plan.text(Section.INTRODUCTION)
    result += mission(plan)
    result += organisation(plan)
    result.append(Heading(_("Nuläge och förutsättningar"), 2, "nulage"))
    result += plan.text(Section.SITUATION)
    return result


def mission(plan: Plan) -> list[Block]:
    result: list[Block] = [Heading(_("Förbundets uppdrag"), 2, "uppdrag")]
    result += plan.text(Section.MISSION)
    if plan.federation.purpose.strip():
        result += blocks(plan.federation.purpose, style="quote")
    return result


def organisation(plan: Plan) -> list[Block]:
    federation = plan.federation
    result: list[Block] = [Heading(_("Organisation"), 2, "organisation")]
    members = [m.name for m in Member.objects.filter(federation=federation)]
    if members:
        result.append(
            Paragraph(
                ngettext(
                    "%(federation)s är samverkansorganisation för %(count)s kommun i %(region)s. "
                    "Medlem i förbundet är %(names)s.",
                    "%(federation)s är samverkansorganisation för de %(count)s kommunerna i "
                    "%(region)s. Medlemmar i förbundet är kommunerna %(names)s.",
                    len(members),
                )
                % {
                    "federation": federation.name,
                    "count": len(members),
                    "region": federation.region_name,
                    "names": join_names(members),
                }
            )
        )
    result += plan.text(Section.ORGANISATION)
    result += board(plan, len(members))
    result += units(plan)
    result += affiliations(plan)
    return result


def board(plan: Plan, member_count: int) -> list[Block]:
    body = GoverningBody.objects.filter(
        federation=plan.federation, kind=GoverningBody.Kind.BOARD
    ).first()
    if body is None:
        return []
    seats = list(body.seats.all())
    pairs = []
    for role, label in Seat.Role.choices:
        held = [s for s in seats if s.role == role]
        if not held:
            continue
        parts = [ngettext("%(n)s plats", "%(n)s platser", len(held)) % {"n": len(held)}]
        members = {s.member_id for s in held if s.member_id}
        if member_count and len(members) == len(held) == member_count:
            parts.append(_("en per medlemskommun"))
        qualifications = sorted({s.qualification for s in held if s.qualification})
        text = ", ".join(parts)
        if qualifications:
            text += " (" + ", ".join(q[:1].lower() + q[1:] for q in qualifications) + ")"
        pairs.append((capfirst(str(label)), text))
    if body.intended_size and body.intended_size != len(seats):
        pairs.append(
            (
                _("Platser enligt beslut"),
                _("%(decided)s, varav %(registered)s registrerade")
                % {"decided": body.intended_size, "registered": len(seats)},
            )
        )
    if not pairs:
        return []
    return [Heading(body.name, 3), Facts(tuple(pairs))]


def units(plan: Plan) -> list[Block]:
    table = Table(
        f"enheter-{plan.year}",
        _("Förbundets enheter"),
        [
            Column("enhet", _("Enhet")),
            Column("slag", _("Slag")),
            Column("chef", _("Chef")),
        ],
    )
    for unit in Unit.objects.filter(federation=plan.federation):
        table.add(unit.name, capfirst(unit.get_kind_display()), unit.manager_name)
    if not table.rows:
        return []
    return [
        Heading(_("Enheter"), 3),
        TableBlock(without_empty_columns(table, keep={"enhet", "slag"})),
    ]


def affiliations(plan: Plan) -> list[Block]:
    federation = plan.federation
    found = list(Affiliation.objects.filter(federation=federation))
    if not found:
        return []
    result: list[Block] = [Heading(_("Medlemskap och ägande"), 3)]
    for item in found:
        if item.kind != Affiliation.Kind.ASSOCIATION:
            continue
        description = item.description.strip()
        if description:
            text = _("%(federation)s ingår i %(name)s – %(description)s") % {
                "federation": federation.name,
                "name": item.name,
                "description": description[:1].lower() + description[1:],
            }
        else:
            text = _("%(federation)s ingår i %(name)s.") % {
                "federation": federation.name,
                "name": item.name,
            }
        result.append(Paragraph(text))
    companies = [a.name for a in found if a.kind == Affiliation.Kind.COMPANY]
    if companies:
        result.append(
            Paragraph(
                ngettext(
                    "%(federation)s är delägare i bolaget %(names)s.",
                    "%(federation)s är delägare i bolagen %(names)s.",
                    len(companies),
                )
                % {"federation": federation.name, "names": join_names(companies)}
            )
        )
    return result
