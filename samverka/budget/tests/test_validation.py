"""The validation engine on the seeded budget: 2025 reconciles, 2026 has these findings."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from samverka.budget import validation
from samverka.core.seeding import load_skaraborg
from samverka.lib.findings import Finding, Severity
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db

D = Decimal


def _findings(year):
    load_skaraborg()
    return validation.run(PlanningPeriod.objects.get(year=year))


def _key(f):
    return (f.code, f.severity, f.where.get("enhet"), f.where.get("rad"), f.expected, f.stated)


def test_the_2025_budget_reconciles_without_errors_or_warnings():
    findings = _findings(2025)
    # Every table adds up, the total equals the units and the overhead balances (6 254 000 both
    # ways). What remains are notes: the key 19 % does not reproduce each unit's overhead
    # exactly, and the sources state no financial targets for 2025 (2026's are not 2025's).
    assert [f for f in findings if f.severity != Severity.INFO] == []
    assert {f.code for f in findings} == {
        "budget.overhead_key",
        "budget.targets_missing",
        # The portfolio's check: the plan prints no amounts per project to compare with.
        "portfolio.reconciliation_not_possible",
    }


def test_the_2026_budget_yields_these_findings_one_by_one():
    findings = [_key(f) for f in _findings(2026)]
    E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741
    expected = [
        # Office: revenue 7 806 000 + costs (-6 768 000 - 6 997 000 + 5 774 000 = -7 991 000)
        # = -185 000, but the result is printed as +185 000.
        ("budget.result_mismatch", E, "Förbundskansli", "Resultat", D(-185000), D(185000)),
        # Other costs of the units: -6 997 000 - 3 252 000 - 6 234 000 - 3 298 000 - 2 370 000
        # - 382 000 = -22 533 000; the total prints -21 996 000.
        (
            "budget.total_vs_units",
            E,
            "Förbundet totalt",
            "Övriga kostnader",
            D(-22533000),
            D(-21996000),
        ),
        # Overhead netted: office income 5 774 000 less the units' 941 000 + 1 396 000
        # + 1 569 000 + 1 384 000 + 317 000 = 5 607 000 leaves +167 000; the row is empty.
        (
            "budget.total_vs_units",
            E,
            "Förbundet totalt",
            "OH-kostnader/intäkt (netto)",
            D(167000),
            D(0),
        ),
        # Costs from the units: -42 114 000 - 22 533 000 + 167 000 = -64 480 000.
        (
            "budget.total_vs_units",
            E,
            "Förbundet totalt",
            "Summa kostnader",
            D(-64480000),
            D(-64110000),
        ),
        # Result from the units: 64 295 000 - 64 480 000 = -185 000 (the office's sign error).
        ("budget.total_vs_units", E, "Förbundet totalt", "Resultat", D(-185000), D(185000)),
        # The overhead does not balance: 5 774 000 vs 5 607 000.
        ("budget.overhead_balance", W, "Förbundskansli", "OH-intäkt", D(5607000), D(5774000)),
        # 16 % of personnel costs: 6 011 000 → 961 760 (941 000 entered), 8 768 000 → 1 402 880,
        # 9 926 000 → 1 588 160, 8 660 000 → 1 385 600, 1 981 000 → 316 960.
        ("budget.overhead_key", I, "Kunskapsutveckling", "OH-kostnader", D(-961760), D(-941000)),
        ("budget.overhead_key", I, "Projektenhet", "OH-kostnader", D(-1402880), D(-1396000)),
        ("budget.overhead_key", I, "Regional utveckling", "OH-kostnader", D(-1588160), D(-1569000)),
        ("budget.overhead_key", I, "Välfärdsutveckling", "OH-kostnader", D(-1385600), D(-1384000)),
        ("budget.overhead_key", I, "Omställning Skaraborg", "OH-kostnader", D(-316960), D(-317000)),
        # Their sum 5 655 360 is what the office's income would be by the key.
        ("budget.overhead_key", I, "Förbundskansli", "OH-intäkt", D(5655360), D(5774000)),
        # Nine known populations (143 619 inhabitants × 50,55 = 7 259 940,45 kr) against the
        # budgeted 13 631 000 kr; six members' populations are not in the sources.
        (
            "budget.fee_population_missing",
            W,
            "Förbundet",
            "Medlemsavgifter",
            D(13631000),
            D("7259940.45"),
        ),
        ("budget.fee_allocation_missing", I, "Förbundet", "Medlemsavgifter", None, None),
        # Result target: -185 000 computed from the units is below 1 % of 13 631 000 = 136 310.
        (
            "budget.target_not_met",
            W,
            "Förbundet",
            "Resultat minst 1 % av medlemsavgifterna",
            D(136310),
            D(-185000),
        ),
        ("budget.target_not_computable", I, "Förbundet", "Soliditet större än 7 %", None, None),
        (
            "budget.target_not_computable",
            I,
            "Förbundet",
            "Kassalikviditet större än 103 %",
            None,
            None,
        ),
        # The portfolio's check: none of the projects running in 2026 has an amount in the
        # plan, so the project unit's 16 398 000 kr cannot yet be compared with them.
        ("portfolio.reconciliation_not_possible", I, "Projektenhet", "Projekt", None, None),
        # The economic plan's check: a negative result breaks the balance requirement
        # (kommunallagen 11 kap. 5 §).
        ("economy.balance_requirement", E, "Förbundet", "Resultat", D(0), D(-185000)),
    ]
    assert findings == expected


def test_each_finding_says_in_swedish_where_what_was_expected_and_the_difference():
    office = _findings(2026)[0]
    assert office.where == {"enhet": "Förbundskansli", "år": "2026", "rad": "Resultat"}
    assert office.difference == D(370000)
    assert "Förväntat -185\u00a0000\u00a0kr, angivet 185\u00a0000\u00a0kr" in office.message
    assert "skillnad 370\u00a0000\u00a0kr" in office.message


def test_the_missing_populations_are_named_with_what_the_budget_implies():
    fee = next(f for f in _findings(2026) if f.code == "budget.fee_population_missing")
    assert "Skara, Skövde, Tibro, Tidaholm, Töreboda, Vara" in fee.message
    # 13 631 000 / 50,55 = 269 654 inhabitants; 269 654 - 143 619 = 126 035 for the six.
    assert "269\u00a0654 invånare" in fee.message
    assert "126\u00a0035 invånare" in fee.message


def test_other_apps_can_register_a_check():
    load_skaraborg()
    period = PlanningPeriod.objects.get(year=2025)

    def portfolio_check(ctx):
        yield Finding("portfolio.demo", Severity.ERROR, f"Projekt {ctx.period.year}")

    validation.register(portfolio_check)
    try:
        assert validation.run(period)[-1].code == "portfolio.demo"
    finally:
        validation._checks.remove(portfolio_check)
    assert all(f.code != "portfolio.demo" for f in validation.run(period))


def test_the_validate_command_fails_on_errors_and_passes_a_clean_year(capsys):
    load_skaraborg()
    call_command("validate", "2025")
    assert "0 fel" in capsys.readouterr().out
    with pytest.raises(CommandError, match="6 fel"):
        call_command("validate", "2026")
    assert "[Fel] Förbundskansli 2026, Resultat" in capsys.readouterr().out
