"""The plan document carries the proposal's three years, and nothing of them without one."""

import pytest

from samverka.economy.testing import skaraborg_2026, stated_scenario
from samverka.reports.document import Heading, TableBlock
from samverka.reports.plan import build

pytestmark = pytest.mark.django_db


def _headings(document):
    return [block.text for block in document.blocks if isinstance(block, Heading)]


def test_without_a_proposal_the_document_has_no_economic_plan():
    document = build(skaraborg_2026())
    assert "Ekonomisk plan 2026–2028" not in _headings(document)


def test_the_proposals_three_years_are_a_section_of_the_budget_chapter():
    period = skaraborg_2026()
    stated_scenario(period)
    document = build(period)
    assert "Ekonomisk plan 2026–2028" in _headings(document)
    titles = [block.table.title for block in document.blocks if isinstance(block, TableBlock)]
    assert "Förbundet sammanställt från enheterna 2026–2028" in titles
    assert "Medlemsavgifter 2026–2028" in titles
