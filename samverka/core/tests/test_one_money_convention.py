"""One money field and one amount formatter for pages, documents and exports.

These read the source: a second `money_field`, a local `MONEY = {...}` field convention or a
hand-rolled "1 234,50 kr" formatter makes them fail, so figures cannot drift apart again.
"""

import ast
import io
import re
from decimal import Decimal
from pathlib import Path

from django.db import models

from samverka.budget.models import BudgetLine
from samverka.core.fields import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from samverka.ledger import sie
from samverka.ledger.models import Actual
from samverka.lib.money import format_kr
from samverka.plan.models import ProgrammeGrant
from samverka.portfolio.models import Financing

SOURCE = Path(__file__).resolve().parents[2]
FIELD_MODULE = SOURCE / "core" / "fields.py"
FORMATTER_MODULE = SOURCE / "lib" / "money.py"

# Thousands grouping by hand: f"{x:,.2f}", "{:,}".format(x), format(x, ","), locale.currency.
HAND_FORMATTING = re.compile(
    r""":,(\.\d+)?[fdg]?\}|["']\{:,|format\([^)]*,\s*["'],|locale\.(format_string|currency)"""
)
FORMATTER_NAMES = re.compile(r"^(format_)?(kr|tkr|amount|money|belopp|sek)$|^fmt_?(kr|amount)$")


def _python_files():
    for path in sorted(SOURCE.rglob("*.py")):
        if not {"tests", "migrations", ".venv"} & set(path.parts):
            yield path


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield node


def test_money_field_is_defined_once():
    defined = [
        f"{path.relative_to(SOURCE)}:{fn.lineno}"
        for path in _python_files()
        for fn in _functions(path)
        if getattr(fn, "name", None) == "money_field"
    ]
    assert defined == ["core/fields.py:10"], defined


def test_no_app_keeps_its_own_money_field_convention():
    offenders = [
        str(path.relative_to(SOURCE))
        for path in _python_files()
        if path != FIELD_MODULE
        and re.search(r"^MONEY\w*\s*=\s*\{", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert not offenders


def test_amounts_in_budget_portfolio_ledger_and_plan_share_one_convention():
    for model, name in (
        (BudgetLine, "amount"),
        (Financing, "amount"),
        (Actual, "amount"),
        (ProgrammeGrant, "amount"),
    ):
        field = model._meta.get_field(name)
        assert isinstance(field, models.DecimalField), model
        assert (field.max_digits, field.decimal_places) == (MONEY_MAX_DIGITS, MONEY_DECIMAL_PLACES)


def test_amounts_are_formatted_only_by_samverka_lib_money():
    offenders = []
    for path in _python_files():
        if path == FORMATTER_MODULE:
            continue
        text = path.read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), 1):
            if HAND_FORMATTING.search(line):
                offenders.append(f"{path.relative_to(SOURCE)}:{lineno}: {line.strip()}")
        for fn in _functions(path):
            name = getattr(fn, "name", "")
            if FORMATTER_NAMES.match(name) and "templatetags" not in path.parts:
                offenders.append(f"{path.relative_to(SOURCE)}:{fn.lineno}: def {name}")
    assert not offenders, "\n".join(offenders)


def test_the_template_filters_delegate_to_the_one_formatter():
    text = (SOURCE / "core" / "templatetags" / "samverka.py").read_text(encoding="utf-8")
    assert "money.format_kr(" in text and "money.format_tkr(" in text


def test_the_formatter_knows_nothing_of_django_so_the_sie_reader_may_use_it():
    tree = ast.parse(FORMATTER_MODULE.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"re", "decimal"}, imported


def test_sie_findings_show_amounts_as_the_pages_do():
    text = (
        "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#KONTO 1930 Bank\n#KONTO 3010 Intakt\n"
        '#VER A 1 20240105 "Obalans"\n{\n#TRANS 1930 {} 1234567.50\n#TRANS 3010 {} -1000.00\n}\n'
    )
    result = sie.read(io.BytesIO(text.encode("cp437")))
    messages = " ".join(f.message for f in result.findings)
    assert format_kr(Decimal("1233567.50"), 2) in messages
    assert "1\u00a0233\u00a0567,50\u00a0kr" in messages
