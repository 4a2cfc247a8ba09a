"""Inline edit of a budget figure on the unit page: with htmx the row becomes a form and saving
returns the row (and the unit's summary); without JavaScript the link opens the line's page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def controller(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    return client


def _line(code="ovriga-kostnader"):
    return BudgetLine.objects.get(period__year=2026, unit__code="kunskapsutveckling", code=code)


def _url(line):
    return reverse("budget:line_edit", args=[2026, "kunskapsutveckling", line.code])


def _post(client, line, amount, **extra):
    data = {
        "label": line.label,
        "kind": line.kind,
        "amount": amount,
        "salaries": "",
        "source": line.source,
        "seen_version": line.version,
    }
    return client.post(_url(line), data, **HTMX, **extra)


def test_the_edit_link_opens_the_line_page_without_javascript_and_the_row_form_with_htmx(
    controller,
):
    line = _line()
    page = controller.get(reverse("budget:unit", args=[2026, "kunskapsutveckling"])).content
    page = page.decode()
    assert f'href="{_url(line)}" hx-get="{_url(line)}"' in page

    full = controller.get(_url(line)).content.decode()
    assert "<html" in full and 'name="code"' in full

    fragment = controller.get(_url(line), **HTMX).content.decode()
    assert "<html" not in fragment
    assert fragment.startswith('<tr id="line-ovriga-kostnader" class="editing">')
    assert 'name="amount"' in fragment and "-3\u00a0252\u00a0000" in fragment
    assert f'name="seen_version" value="{line.version}"' in fragment


def test_saving_in_the_row_returns_the_row_and_the_new_summary(controller):
    response = _post(controller, _line(), "-1 000 000")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<tr id="line-ovriga-kostnader">')
    assert 'name="amount"' not in body
    # The unit's summary travels along, out of band, with the new sum of costs.
    assert 'id="unit-summary" hx-swap-oob="true"' in body
    assert "-7\u00a0952\u00a0000" in body  # -6 011 000 - 1 000 000 - 941 000
    assert _line().amount == Decimal("-1000000")


def test_a_stale_row_form_is_refused_with_the_newer_value_and_nothing_is_overwritten(controller):
    seen = _line()
    assert _post(controller, seen, "-2 000 000").status_code == 200
    response = _post(controller, seen, "-9 000 000")
    body = response.content.decode()
    assert 'class="editing"' in body
    assert "Någon annan har sparat ett nytt värde: -2\u00a0000\u00a0000" in body
    assert _line().amount == Decimal("-2000000")


def test_a_bad_figure_keeps_the_row_a_form_with_a_swedish_message(controller):
    body = _post(controller, _line(), "tre miljoner").content.decode()
    assert 'aria-invalid="true"' in body
    assert "”tre miljoner” är inte ett belopp" in body
    assert _line().amount == Decimal("-3252000")


def test_cancel_returns_the_row_unchanged(controller):
    line = _line()
    body = controller.get(_url(line), {"avbryt": "1"}, **HTMX).content.decode()
    assert body.startswith('<tr id="line-ovriga-kostnader">')
    assert "-3\u00a0252\u00a0000" in body and 'name="amount"' not in body


def test_a_reader_gets_no_row_form(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    assert client.get(_url(_line()), **HTMX).status_code == 403
    response = _post(client, _line(), "-1")
    assert response.status_code == 403
    assert _line().amount == Decimal("-3252000")
