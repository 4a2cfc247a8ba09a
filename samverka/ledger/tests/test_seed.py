"""The default mapping loaded from samverka/seed/skaraborg/ledger.yaml (Kommun-Bas 13)."""

import pytest

from samverka.core.seeding import load_skaraborg
from samverka.ledger.mapping import Mapping
from samverka.ledger.models import AccountRange
from samverka.orgs.models import Federation

pytestmark = pytest.mark.django_db


def test_the_default_ranges_map_kommun_bas_accounts_to_budget_line_kinds():
    load_skaraborg()
    mapping = Mapping.for_federation(Federation.objects.get(code="skaraborg"))
    assert mapping.line_kind("3011") == "other_revenue"
    assert mapping.line_kind("3511") == "state_grants"
    assert mapping.line_kind("3611") == "invoiced_services"
    assert mapping.line_kind("5011") == "personnel"  # the narrower 50–56 wins over 40–79
    assert mapping.line_kind("56111") == "personnel"  # five-digit sub-accounts too
    assert mapping.line_kind("5711") == "other_costs"
    assert mapping.line_kind("4511") == "other_costs"
    assert mapping.line_kind("8410") is None  # financial items: listed as unmapped


def test_loading_the_mapping_twice_changes_nothing():
    load_skaraborg()
    versions = list(AccountRange.objects.values_list("pk", "version"))
    ctx = load_skaraborg()
    assert list(AccountRange.objects.values_list("pk", "version")) == versions
    assert ctx.created["ledger.AccountRange"] == 0 and not ctx.findings
