"""The validation engine: checks registered by any app, run for one period, returning Findings.

A check is a function `check(ctx: Context) -> Iterable[Finding]`; `ctx.period` is the period and
`ctx.budget` its tables, loaded once per run and shared by every check. Other apps add checks
with `register` (e.g. the project portfolio reconciling projects against the project unit).
Nothing is corrected: a finding states what was expected, what is stated and the difference.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property

from samverka.budget import fees, targets
from samverka.budget.computations import PeriodBudget, Table, load_budget, overhead_allocation
from samverka.budget.models import Assumptions, LineKind
from samverka.lib.findings import Finding, Severity
from samverka.lib.money import format_kr, format_number
from samverka.orgs.models import PlanningPeriod

ZERO = Decimal(0)


class Context:
    def __init__(self, period: PlanningPeriod) -> None:
        self.period = period

    @cached_property
    def budget(self) -> PeriodBudget:
        return load_budget(self.period)

    @cached_property
    def assumptions(self) -> Assumptions | None:
        return Assumptions.objects.filter(period=self.period).first()


Check = Callable[[Context], Iterable[Finding]]
_checks: list[Check] = []


def register(check: Check) -> Check:
    """Add a check to every run (usable as a decorator); registering twice is harmless."""
    if check not in _checks:
        _checks.append(check)
    return check


def registered() -> list[Check]:
    return list(_checks)


def run(period: PlanningPeriod) -> list[Finding]:
    ctx = Context(period)
    findings: list[Finding] = []
    for check in _checks:
        findings.extend(check(ctx))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)


def _where(table: Table, year: int, line: str) -> dict[str, str]:
    return {"enhet": table.name, "år": str(year), "rad": line}


def _mismatch(code, severity, table, year, line, expected, stated, what) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message=(
            f"{table.name} {year}, {line}: {what} Förväntat {format_kr(expected)}, "
            f"angivet {format_kr(stated)}, skillnad {format_kr(stated - expected)}."
        ),
        where=_where(table, year, line),
        expected=expected,
        stated=stated,
    )


@register
def check_table_arithmetic(ctx: Context) -> Iterable[Finding]:
    """Each table: lines sum to the stated subtotals, revenue less costs is the stated result."""
    year = ctx.period.year
    tables = ([ctx.budget.total] if ctx.budget.total.by_kind else []) + ctx.budget.units
    for table in tables:
        stated = table.stated
        if "total_revenue" in stated and stated["total_revenue"] != table.revenue:
            yield _mismatch(
                "budget.subtotal_mismatch",
                Severity.ERROR,
                table,
                year,
                "Summa intäkter",
                table.revenue,
                stated["total_revenue"],
                "Intäktsraderna summerar inte till summan.",
            )
        if "total_costs" in stated and stated["total_costs"] != table.costs:
            yield _mismatch(
                "budget.subtotal_mismatch",
                Severity.ERROR,
                table,
                year,
                "Summa kostnader",
                table.costs,
                stated["total_costs"],
                "Kostnadsraderna summerar inte till summan.",
            )
        if "result" in stated:
            revenue = stated.get("total_revenue", table.revenue)
            costs = stated.get("total_costs", table.costs)
            if revenue + costs != stated["result"]:
                yield _mismatch(
                    "budget.result_mismatch",
                    Severity.ERROR,
                    table,
                    year,
                    "Resultat",
                    revenue + costs,
                    stated["result"],
                    f"Intäkter {format_kr(revenue)} och kostnader {format_kr(costs)} ger ett "
                    "annat resultat än det angivna.",
                )


@register
def check_total_against_units(ctx: Context) -> Iterable[Finding]:
    """Each line of the federation's total against the sum of the units (overhead netted)."""
    total, units = ctx.budget.total, ctx.budget.consolidated
    if not total.by_kind or not ctx.budget.units:
        return
    year = ctx.period.year
    rows = [
        ("Intäkter", units.revenue, total.revenue),
        ("Personal", units.personnel, total.personnel),
        ("Övriga kostnader", units.other_costs, total.other_costs),
        ("OH-kostnader/intäkt (netto)", units.overhead_net, total.overhead_net),
        ("Summa kostnader", units.costs, total.stated.get("total_costs", total.costs)),
        ("Resultat", units.result, total.stated.get("result", total.result)),
    ]
    for line, expected, stated in rows:
        if expected != stated:
            yield _mismatch(
                "budget.total_vs_units",
                Severity.ERROR,
                total,
                year,
                line,
                expected,
                stated,
                "Totaltabellen stämmer inte med summan av enheterna.",
            )


@register
def check_overhead_balance(ctx: Context) -> Iterable[Finding]:
    """The office's overhead income should balance the units' overhead costs (s. 10)."""
    offices = [t for t in ctx.budget.units if t.unit.carries_overhead]
    if not offices:
        return
    office = offices[0]
    expected = -sum((t.overhead_costs for t in ctx.budget.units if t is not office), ZERO)
    if office.overhead_income != expected:
        yield _mismatch(
            "budget.overhead_balance",
            Severity.WARNING,
            office,
            ctx.period.year,
            "OH-intäkt",
            expected,
            office.overhead_income,
            "Kansliets OH-intäkt balanserar inte enheternas OH-kostnader.",
        )


@register
def check_overhead_key(ctx: Context) -> Iterable[Finding]:
    """Overhead computed with the allocation key and its basis, against the entered figures."""
    a = ctx.assumptions
    rows, office = overhead_allocation(ctx.budget, a)
    if not rows:
        return
    basis = a.get_overhead_basis_display()
    for row in rows:
        if row.difference:
            yield _mismatch(
                "budget.overhead_key",
                Severity.INFO,
                row.table,
                ctx.period.year,
                "OH-kostnader",
                row.computed,
                row.entered,
                f"Fördelningsnyckeln {a.overhead_rate.normalize():f} % av {basis} "
                f"({format_kr(row.basis)}) ger ett annat belopp.",
            )
    if office is not None and office.difference:
        yield _mismatch(
            "budget.overhead_key",
            Severity.INFO,
            office.table,
            ctx.period.year,
            "OH-intäkt",
            office.computed,
            office.entered,
            "Summan av enheternas OH-kostnader enligt fördelningsnyckeln ger en annan OH-intäkt.",
        )


@register
def check_member_fees(ctx: Context) -> Iterable[Finding]:
    basis = fees.fee_basis(ctx.period)
    if basis is None:
        return
    year, model = ctx.period.year, basis.model
    where = {"enhet": "Förbundet", "år": str(year), "rad": "Medlemsavgifter"}
    if basis.missing:
        names = ", ".join(m.name for m in basis.missing)
        rate = format_number(model.rate_per_inhabitant, 2)
        yield Finding(
            code="budget.fee_population_missing",
            severity=Severity.WARNING,
            message=(
                f"Medlemsavgifter {year}: folkmängd per {model.population_reference_date} saknas "
                f"för {len(basis.missing)} av {len(basis.rows)} medlemmar ({names}). Budgeterade "
                f"{format_kr(model.budgeted_income)} / {rate} kr "
                f"motsvarar {format_number(basis.implied_inhabitants)} invånare; de kända har "
                f"{format_number(basis.known_inhabitants)}, så de saknade bör tillsammans ha "
                f"{format_number(basis.implied_missing_inhabitants)} invånare."
            ),
            where=where,
            expected=model.budgeted_income,
            stated=basis.total_fees,
        )
    elif basis.difference:
        yield Finding(
            code="budget.fee_mismatch",
            severity=Severity.WARNING,
            message=(
                f"Medlemsavgifter {year}: avgift per kommun summerar till "
                f"{format_kr(basis.total_fees)}, budgeten anger {format_kr(model.budgeted_income)}."
            ),
            where=where,
            expected=model.budgeted_income,
            stated=basis.total_fees,
        )
    line_fees = ctx.budget.consolidated.get(LineKind.MEMBER_FEES)
    if line_fees and line_fees != model.budgeted_income:
        yield Finding(
            code="budget.fee_lines_mismatch",
            severity=Severity.ERROR,
            message=(
                f"Medlemsavgifter {year}: enheternas rader för medlemsavgifter summerar till "
                f"{format_kr(line_fees)}, avgiftsmodellen anger {format_kr(model.budgeted_income)}."
            ),
            where=where,
            expected=model.budgeted_income,
            stated=line_fees,
        )
    if not basis.allocations:
        yield Finding(
            code="budget.fee_allocation_missing",
            severity=Severity.INFO,
            message=(
                f"Medlemsavgifter {year}: fördelningen på enheter är inte inlagd (planen anger "
                "att avgiften fördelats på enheterna men trycker inte fördelningen)."
            ),
            where=where,
        )
    elif basis.allocated != model.budgeted_income:
        yield Finding(
            code="budget.fee_allocation_mismatch",
            severity=Severity.ERROR,
            message=(
                f"Medlemsavgifter {year}: fördelningen på enheter summerar till "
                f"{format_kr(basis.allocated)}, budgeterat är {format_kr(model.budgeted_income)}."
            ),
            where=where,
            expected=model.budgeted_income,
            stated=basis.allocated,
        )


@register
def check_financial_targets(ctx: Context) -> Iterable[Finding]:
    for t in targets.evaluate(ctx.period, ctx.budget):
        where = {"enhet": "Förbundet", "år": str(ctx.period.year), "rad": t.label}
        if t.met is None:
            yield Finding(
                "budget.target_not_computable",
                Severity.INFO,
                f"Finansiellt mål {ctx.period.year}, {t.label}: kan inte beräknas. {t.explanation}",
                where,
            )
        elif not t.met:
            yield Finding(
                "budget.target_not_met",
                Severity.WARNING,
                f"Finansiellt mål {ctx.period.year}, {t.label}: uppfylls inte. {t.explanation}",
                where,
                expected=t.threshold,
                stated=t.value,
            )
