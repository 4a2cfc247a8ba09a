from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    load_skaraborg()


def test_the_budget_page_shows_the_total_and_every_unit_for_two_years(client, seeded):
    client.force_login(testing.make_reader())
    page = client.get(reverse("budget:period", args=[2026])).content.decode()
    for name in ("Förbundskansli", "Kunskapsutveckling", "Omställning Skaraborg"):
        assert f"Budget {name}" in page
    assert "64\u00a0295\u00a0000" in page and "60\u00a0487\u00a0000" in page
    # The office's printed result beside the computed one, marked in text, not only colour.
    assert "tryckt: 185\u00a0000 ⚠" in page
    assert "Förbundskansli 2026, Resultat" in page


def test_the_landing_page_lists_the_years_with_their_checks(client, seeded):
    client.force_login(testing.make_reader())
    page = client.get(reverse("budget:index")).content.decode()
    assert "6 fel, 3 varningar" in page
    assert "0 fel, 0 varningar" in page


def test_every_budget_page_answers_a_reader(client, seeded):
    client.force_login(testing.make_reader())
    for name, args in [
        ("budget:unit", [2026, "kunskapsutveckling"]),
        ("budget:overhead", [2026]),
        ("budget:fees", [2026]),
        ("budget:fees", [2025]),
        ("budget:targets", [2026]),
        ("budget:versions", [2025]),
        ("budget:period", [2025]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_the_overhead_page_shows_the_basis_the_document_used(client, seeded):
    client.force_login(testing.make_reader())
    page = client.get(reverse("budget:overhead", args=[2026])).content.decode()
    # 941 000 / 16 % = 5 881 250 against personnel 6 011 000 for Kunskapsutveckling.
    assert "5\u00a0881\u00a0250" in page and "6\u00a0011\u00a0000" in page


def _post_line(client, line, **data):
    payload = {
        "code": line.code,
        "label": line.label,
        "kind": line.kind,
        "amount": str(line.amount),
        "salaries": "",
        "source": line.source,
        "seen_version": line.version,
    }
    url = reverse("budget:line_edit", args=[line.period.year, line.unit.code, line.code])
    return client.post(url, payload | data)


def _line(unit_code="kunskapsutveckling", code="personal", year=2026):
    return BudgetLine.objects.get(period__year=year, unit__code=unit_code, code=code)


def test_a_unit_manager_edits_only_their_own_unit(client, seeded):
    own = Unit.objects.get(code="kunskapsutveckling")
    client.force_login(testing.make_unit_manager(own))
    assert _post_line(client, _line(), amount="-6 100 000").status_code == 302
    assert _line().amount == Decimal("-6100000")
    other = _line("projektenhet")
    assert _post_line(client, other, amount="-1").status_code == 403
    assert _line("projektenhet").amount == Decimal("-8768000")


def test_personnel_can_be_entered_as_salaries_with_the_payroll_overhead(client, seeded):
    client.force_login(testing.make_controller())
    # 4 000 000 × (1 + 42,65 %) = 5 706 000.
    assert _post_line(client, _line(), salaries="4 000 000").status_code == 302
    line = _line()
    assert line.amount == Decimal("-5706000")
    assert line.salaries == Decimal("4000000")


def test_a_concurrent_edit_of_the_same_figure_is_refused_with_the_newer_value(client, seeded):
    client.force_login(testing.make_controller())
    seen = _line()
    assert _post_line(client, seen, amount="-6 200 000").status_code == 302
    response = _post_line(client, seen, amount="-6 300 000")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ett nytt värde: -6\u00a0200\u00a0000" in page
    assert _line().amount == Decimal("-6200000")


def test_the_adopted_2025_budget_cannot_be_edited(client, seeded):
    client.force_login(testing.make_controller())
    line = _line(year=2025)
    response = _post_line(client, line, amount="-1")
    assert response.status_code == 200
    assert "antagen" in response.content.decode()
    assert _line(year=2025).amount == Decimal("-5728000")


def test_a_bad_amount_gets_a_swedish_message(client, seeded):
    client.force_login(testing.make_controller())
    response = _post_line(client, _line(), amount="sex miljoner")
    assert "”sex miljoner” är inte ett belopp" in response.content.decode()


def test_a_reader_cannot_open_the_edit_form(client, seeded):
    client.force_login(testing.make_reader())
    url = reverse("budget:line_edit", args=[2026, "kunskapsutveckling", "personal"])
    assert client.get(url).status_code == 403
