"""The ledger's pages pass the automated WCAG 2.1 AA check (axe-core) in a real browser."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.core.tests._browser import axe_violations
from samverka.core.tests.test_browser import (  # noqa: F401 - fixtures
    _log_in_with_the_keyboard,
    browser,
    page,
)
from samverka.ledger.models import Actual, ImportBatch, VarianceComment
from samverka.orgs.models import PlanningPeriod, Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _some_actuals() -> ImportBatch:
    period = PlanningPeriod.objects.get(year=2026)
    unit = Unit.objects.get(code="kunskapsutveckling")
    batch = ImportBatch.objects.create(
        period=period,
        file_name="export.se",
        sha256="ab" * 32,
        through_month=2,
        counts={"VER": 2, "TRANS": 6, "actual_rows": 3},
        totals={"imported": "-95000", "unmapped": "-5000"},
        findings=[{"code": "syntax", "severity": "warning", "line": 7, "message": "Rad 7"}],
    )
    for unit_, kind, month, amount in [
        (unit, "personnel", 1, "-400000"),
        (unit, "other_costs", 2, "-90000"),
        (None, "other_costs", 2, "-5000"),
    ]:
        Actual.objects.create(
            batch=batch,
            period=period,
            unit=unit_,
            line_kind=kind,
            account="5011" if kind == "personnel" else "6110",
            dimension="1",
            object_code="110" if unit_ else "999",
            month=month,
            amount=Decimal(amount),
        )
    VarianceComment.objects.create(
        period=period, unit=unit, line_kind="other_costs", month=2, text="Konsult"
    )
    return batch


def test_the_ledger_pages_pass_an_automated_wcag_21_aa_check(page):  # noqa: F811
    batch = _some_actuals()
    _log_in_with_the_keyboard(page)
    pages = [
        ("ledger:index", []),
        ("ledger:period", [2026]),
        ("ledger:unit", [2026, "kunskapsutveckling"]),
        ("ledger:comment", [2026, "kunskapsutveckling", 2, "other_costs"]),
        ("ledger:forecast", [2026, "kunskapsutveckling", "other_costs"]),
        ("ledger:batch", [2026, batch.code]),
        ("ledger:upload", []),
        ("ledger:mapping", []),
    ]
    failures = {}
    for name, args in pages:
        page.goto(reverse(name, args=args))
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
    assert failures == {}
