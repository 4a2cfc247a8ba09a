"""Every action code the source logs has a Swedish sentence, and pages show sentences."""

import ast
from pathlib import Path

import pytest

from samverka.audit import actions
from samverka.audit.history import entries_for_object
from samverka.audit.models import LogEntry
from samverka.audit.recording import log
from samverka.core import testing

SOURCE = Path(__file__).resolve().parents[2]


def _log_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names under which this module can call audit.recording.log: bare and module aliases."""
    bare, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "samverka.audit.recording":
            bare |= {a.asname or a.name for a in node.names if a.name == "log"}
        # An import's one entry is written through imports.pipeline.record(target, code, …).
        if isinstance(node, ast.ImportFrom) and node.module == "samverka.imports.pipeline":
            bare |= {a.asname or a.name for a in node.names if a.name == "record"}
        if isinstance(node, ast.ImportFrom) and node.module == "samverka.audit":
            modules |= {a.asname or a.name for a in node.names if a.name == "recording"}
        if isinstance(node, ast.FunctionDef) and node.name in ("log", "record"):
            bare.add(node.name)  # audit/recording.py and imports/pipeline.py themselves
    return bare, modules


def _strings(node: ast.AST, scope: ast.AST) -> set[str] | None:
    """The string literals `node` can evaluate to, following one local assignment; None if
    the code is computed (which this test cannot check, so it counts as a failure)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body, scope), _strings(node.orelse, scope)
        return None if body is None or orelse is None else body | orelse
    if isinstance(node, ast.Name):
        found: set[str] = set()
        for assign in ast.walk(scope):
            if isinstance(assign, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == node.id for t in assign.targets
            ):
                values = _strings(assign.value, scope)
                if values is None:
                    return None
                found |= values
        return found or None
    return None


# Functions that log a code their caller gives: name -> the files that define them.
WRAPPERS = {"record": ("imports/pipeline.py",)}


def logged_action_codes() -> dict[str, set[str]]:
    """Every action code passed to audit.recording.log in the source: code -> where."""
    codes: dict[str, set[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or ".venv" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bare, modules = _log_names(tree)
        if not bare and not modules:
            continue
        # A wrapper passes its caller's code through; its callers are scanned instead.
        passed_through = {
            id(call)
            for func in ast.walk(tree)
            if isinstance(func, ast.FunctionDef)
            and path.relative_to(SOURCE).as_posix() in WRAPPERS.get(func.name, ())
            for call in ast.walk(func)
        }
        for scope in ast.walk(tree):
            if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
                continue
            for call in ast.walk(scope):
                if not isinstance(call, ast.Call) or id(call) in passed_through:
                    continue
                func = call.func
                is_log = (
                    (isinstance(func, ast.Name) and func.id in bare)
                    or (
                        isinstance(func, ast.Attribute)
                        and func.attr == "log"
                        and isinstance(func.value, ast.Name)
                        and func.value.id in modules
                    )
                    # LogEntry(action=…) or LogEntry.objects.create(action=…) written directly
                    or ("LogEntry" in ast.unparse(func) and path.name != "recording.py")
                )
                if not is_log:
                    continue
                action = next((k.value for k in call.keywords if k.arg == "action"), None)
                if action is None and "LogEntry" in ast.unparse(func):
                    continue  # a query or a create without an action code
                if action is None and len(call.args) > 1:
                    action = call.args[1]
                where = f"{path.relative_to(SOURCE.parent)}:{call.lineno}"
                values = _strings(action, scope) if action is not None else None
                for code in values or {f"<computed code at {where}>"}:
                    codes.setdefault(code, set()).add(where)
    return codes


def test_the_source_scan_finds_the_domain_actions_it_should():
    codes = logged_action_codes()
    # The scan itself must work: these are logged today in orgs, plan and ledger.
    assert {"orgs.period.adopted", "orgs.period.revised", "ledger.import.remapped"} <= set(codes)
    assert {"imports.budget_xlsx", "imports.survey", "ledger.sie_imported"} <= set(codes)
    assert "created" in codes  # the audit signals log through the same function


def test_every_logged_action_code_has_a_swedish_sentence():
    codes = logged_action_codes()
    missing = {code: where for code, where in codes.items() if code not in actions.SENTENCES}
    assert not missing, f"Action codes without a sentence in samverka/audit/actions.py: {missing}"


@pytest.mark.parametrize("code", sorted(actions.SENTENCES))
def test_every_sentence_is_swedish_text_that_renders_without_its_details(code):
    sentence = str(actions.SENTENCES[code])
    assert sentence.strip() and code not in sentence
    entry = LogEntry(action=code, object_repr="X", data={})
    assert "{" not in actions.describe(entry)


@pytest.mark.django_db
def test_a_domain_action_reads_as_a_sentence_with_its_details():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2026)
    log(period, "orgs.period.adopted", {"decision": "DIR 2025-12-03 § 7", "revision": 0})
    entry = LogEntry.objects.get(action="orgs.period.adopted")
    assert actions.describe(entry) == "antog perioden 2026 genom beslut DIR 2025-12-03 § 7"


@pytest.mark.django_db
def test_counts_in_a_sentence_are_formatted_the_swedish_way():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2026)
    log(period, "ledger.import", {"file_name": "utfall.se", "actual_rows": 12345})
    entry = LogEntry.objects.get(action="ledger.import")
    assert actions.describe(entry) == "läste in utfall från utfall.se: 12\u00a0345 rader"


@pytest.mark.django_db
def test_an_import_reads_with_its_file_and_counts():
    from samverka.imports.pipeline import Counts, record

    federation = testing.make_federation()
    period = testing.make_period(federation, year=2026)
    record(
        period,
        "imports.budget_xlsx",
        file_name="budget.xlsx",
        sha256="ab" * 32,
        counts=Counts(read=1200, created=3, updated=2, deleted=0),
    )
    entry = LogEntry.objects.get(action="imports.budget_xlsx")
    assert actions.describe(entry) == (
        "importerade budgeten 2026 från budget.xlsx: 1\u00a0200 rader lästa, 3 nya, 2 ändrade, "
        "0 borttagna"
    )


@pytest.mark.django_db
def test_an_unregistered_code_never_shows_raw_in_the_history():
    federation = testing.make_federation()
    unit = testing.make_unit(federation)
    log(unit, "orgs.unit.teleported", {})
    sentences = [line.sentence for line in entries_for_object(unit)]
    assert "orgs.unit.teleported" not in " ".join(sentences)
    assert str(actions.UNKNOWN) in sentences


@pytest.mark.django_db
def test_a_missing_detail_shows_a_dash_instead_of_failing():
    federation = testing.make_federation()
    period = testing.make_period(federation, year=2027)
    log(period, "orgs.period.adopted", {})
    entry = LogEntry.objects.get(action="orgs.period.adopted")
    assert actions.describe(entry) == "antog perioden 2027 genom beslut –"
