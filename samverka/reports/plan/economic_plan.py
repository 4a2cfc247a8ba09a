"""Ekonomisk plan {year}–{year + 2}: the proposal scenario's three years, when there is one
(`samverka.economy`). Without a proposal the document has no such section."""

from django.utils.translation import gettext as _

from samverka.economy import plans
from samverka.economy import tables as plan_tables
from samverka.reports.document import Block, Heading, Paragraph, TableBlock
from samverka.reports.plan.common import Plan


def chapter(plan: Plan) -> list[Block]:
    scenario = plans.proposal(plan.period)
    if scenario is None:
        return []
    economic = plans.build(scenario, plan.budgets.this)
    first, last = economic.years[0].year, economic.years[-1].year
    return [
        Heading(
            _("Ekonomisk plan %(first)s–%(last)s") % {"first": first, "last": last},
            2,
            "ekonomisk-plan",
        ),
        Paragraph(
            _(
                "Budgetåret och de två planåren (kommunallagen 11 kap. 8 §), enligt scenariot "
                "”%(name)s”. Planåren är framräknade ur budgetårets belopp med scenariots "
                "antaganden; belopp inmatade för hand går före framskrivningen."
            )
            % {"name": scenario.name}
        ),
        TableBlock(plan_tables.plan_table(economic)),
        TableBlock(plan_tables.key_figures_table(economic)),
        TableBlock(plan_tables.targets_table(economic)),
        TableBlock(plan_tables.member_fee_table(economic)),
    ]
