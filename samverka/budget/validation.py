"""The validation engine: checks registered by any app, run for one period, returning Findings.

A check is a function `check(ctx: Context) -> Iterable[Finding]`; `ctx.period` is the period and
`ctx.budget` its tables, loaded once per run and shared by every check. Other apps add checks
with `register` (e.g. the project portfolio reconciling projects against the project unit).
Nothing is corrected: a finding states what was expected, what is stated and the difference.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from samverka.budget import fees, targets
from samverka.budget.computations import PeriodBudget, Table, load_budget, overhead_allocation
from samverka.budget.models import Assumptions, LineKind
from samverka.lib.findings import Finding, Severity
from samverka.lib.money import format_kr, format_number
from samverka.orgs.models import PlanningPeriod

ZERO = Decimal(0)


class Context:
    def __init__(self, period: PlanningPeriod, budget: PeriodBudget | None = None) -> None:
        self.period = period
        if budget is not None:
            self.budget = budget  # the caller's, loaded already (the budget pages)

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


def run(period: PlanningPeriod | PeriodBudget) -> list[Finding]:
    """Every registered check on `period`, or on its budget (`load_budget(period)`, every
    unit) when the caller has loaded it already: then the checks read the same tables."""
    budget = period if isinstance(period, PeriodBudget) else None
    ctx = Context(budget.period if budget else period, budget)
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
        message=_(
            "%(table)s %(year)s, %(line)s: %(what)s Förväntat %(expected)s, angivet %(stated)s, "
            "skillnad %(difference)s."
        )
        % {
            "table": table.name,
            "year": year,
            "line": line,
            "what": what,
            "expected": format_kr(expected),
            "stated": format_kr(stated),
            "difference": format_kr(stated - expected),
        },
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
                _("Summa intäkter"),
                table.revenue,
                stated["total_revenue"],
                _("Intäktsraderna summerar inte till summan."),
            )
        if "total_costs" in stated and stated["total_costs"] != table.costs:
            yield _mismatch(
                "budget.subtotal_mismatch",
                Severity.ERROR,
                table,
                year,
                _("Summa kostnader"),
                table.costs,
                stated["total_costs"],
                _("Kostnadsraderna summerar inte till summan."),
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
                    _("Resultat"),
                    revenue + costs,
                    stated["result"],
                    _(
                        "Intäkter %(revenue)s och kostnader %(costs)s ger ett annat resultat än "
                        "det angivna."
                    )
                    % {"revenue": format_kr(revenue), "costs": format_kr(costs)},
                )


@register
def check_total_against_units(ctx: Context) -> Iterable[Finding]:
    """Each line of the federation's total against the sum of the units (overhead netted)."""
    total, units = ctx.budget.total, ctx.budget.consolidated
    if not total.by_kind or not ctx.budget.units:
        return
    year = ctx.period.year
    rows = [
        (_("Intäkter"), units.revenue, total.revenue),
        (_("Personal"), units.personnel, total.personnel),
        (_("Övriga kostnader"), units.other_costs, total.other_costs),
        (_("OH-kostnader/intäkt (netto)"), units.overhead_net, total.overhead_net),
        (_("Summa kostnader"), units.costs, total.stated.get("total_costs", total.costs)),
        (_("Resultat"), units.result, total.stated.get("result", total.result)),
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
                _("Totaltabellen stämmer inte med summan av enheterna."),
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
            _("OH-intäkt"),
            expected,
            office.overhead_income,
            _("Kansliets OH-intäkt balanserar inte enheternas OH-kostnader."),
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
                _("OH-kostnader"),
                row.computed,
                row.entered,
                _("Fördelningsnyckeln %(rate)s %% av %(basis)s (%(amount)s) ger ett annat belopp.")
                % {
                    "rate": f"{a.overhead_rate.normalize():f}",
                    "basis": basis,
                    "amount": format_kr(row.basis),
                },
            )
    if office is not None and office.difference:
        yield _mismatch(
            "budget.overhead_key",
            Severity.INFO,
            office.table,
            ctx.period.year,
            _("OH-intäkt"),
            office.computed,
            office.entered,
            _(
                "Summan av enheternas OH-kostnader enligt fördelningsnyckeln ger en annan "
                "OH-intäkt."
            ),
        )


@register
def check_member_fees(ctx: Context) -> Iterable[Finding]:
    basis = fees.fee_basis(ctx.period)
    if basis is None:
        return
    year, model = ctx.period.year, basis.model
    where = {"enhet": _("Förbundet"), "år": str(year), "rad": _("Medlemsavgifter")}
    if basis.missing:
        names = ", ".join(m.name for m in basis.missing)
        rate = format_number(model.rate_per_inhabitant, 2)
        # A budgeted income no larger than the known members' fees (a federation just set up
        # without populations) implies nothing about the missing ones.
        message = (
            _(
                "Medlemsavgifter %(year)s: folkmängd per %(date)s saknas för %(missing)s av "
                "%(members)s medlemmar (%(names)s). Budgeterade %(budgeted)s / %(rate)s kr "
                "motsvarar %(implied)s invånare; de kända har %(known)s, så de saknade bör "
                "tillsammans ha %(implied_missing)s invånare."
            )
            if basis.implied_missing_inhabitants > 0
            else _(
                "Medlemsavgifter %(year)s: folkmängd per %(date)s saknas för %(missing)s av "
                "%(members)s medlemmar (%(names)s), så avgiften per kommun kan inte beräknas "
                "för dem. Ange folkmängden på medlemssidan eller hämta den från SCB."
            )
        )
        yield Finding(
            code="budget.fee_population_missing",
            severity=Severity.WARNING,
            message=message
            % {
                "year": year,
                "date": model.population_reference_date,
                "missing": len(basis.missing),
                "members": len(basis.rows),
                "names": names,
                "budgeted": format_kr(model.budgeted_income),
                "rate": rate,
                "implied": format_number(basis.implied_inhabitants),
                "known": format_number(basis.known_inhabitants),
                "implied_missing": format_number(basis.implied_missing_inhabitants),
            },
            where=where,
            expected=model.budgeted_income,
            stated=basis.total_fees,
        )
    elif basis.difference:
        yield Finding(
            code="budget.fee_mismatch",
            severity=Severity.WARNING,
            message=_(
                "Medlemsavgifter %(year)s: avgift per kommun summerar till %(fees)s, budgeten "
                "anger %(budgeted)s."
            )
            % {
                "year": year,
                "fees": format_kr(basis.total_fees),
                "budgeted": format_kr(model.budgeted_income),
            },
            where=where,
            expected=model.budgeted_income,
            stated=basis.total_fees,
        )
    line_fees = ctx.budget.consolidated.get(LineKind.MEMBER_FEES)
    if line_fees and line_fees != model.budgeted_income:
        yield Finding(
            code="budget.fee_lines_mismatch",
            severity=Severity.ERROR,
            message=_(
                "Medlemsavgifter %(year)s: enheternas rader för medlemsavgifter summerar till "
                "%(lines)s, avgiftsmodellen anger %(budgeted)s."
            )
            % {
                "year": year,
                "lines": format_kr(line_fees),
                "budgeted": format_kr(model.budgeted_income),
            },
            where=where,
            expected=model.budgeted_income,
            stated=line_fees,
        )
    if not basis.allocations:
        yield Finding(
            code="budget.fee_allocation_missing",
            severity=Severity.INFO,
            message=_(
                "Medlemsavgifter %(year)s: fördelningen på enheter är inte inlagd (planen anger "
                "att avgiften fördelats på enheterna men trycker inte fördelningen)."
            )
            % {"year": year},
            where=where,
        )
    elif basis.allocated != model.budgeted_income:
        yield Finding(
            code="budget.fee_allocation_mismatch",
            severity=Severity.ERROR,
            message=_(
                "Medlemsavgifter %(year)s: fördelningen på enheter summerar till %(allocated)s, "
                "budgeterat är %(budgeted)s."
            )
            % {
                "year": year,
                "allocated": format_kr(basis.allocated),
                "budgeted": format_kr(model.budgeted_income),
            },
            where=where,
            expected=model.budgeted_income,
            stated=basis.allocated,
        )


@register
def check_financial_targets(ctx: Context) -> Iterable[Finding]:
    results = targets.evaluate(ctx.period, ctx.budget)
    if not results:
        yield Finding(
            "budget.targets_missing",
            # Not a warning: a year kept only as last year's figures has no targets either.
            Severity.INFO,
            targets.missing_text(ctx.period),
            {"enhet": _("Förbundet"), "år": str(ctx.period.year)},
        )
    for t in results:
        where = {"enhet": _("Förbundet"), "år": str(ctx.period.year), "rad": t.label}
        about = {"year": ctx.period.year, "target": t.label, "explanation": t.explanation}
        if t.printed is not None:
            yield Finding(
                "budget.target_value_differs",
                Severity.WARNING,
                _(
                    "Finansiellt mål %(year)s, %(target)s: målvärdet i planen, %(printed)s, är "
                    "inte regelns %(threshold)s. Rätta målvärdet eller regeln under Finansiella "
                    "mål."
                )
                % {
                    "year": ctx.period.year,
                    "target": t.label,
                    "printed": format_kr(t.printed),
                    "threshold": format_kr(t.threshold),
                },
                where,
                expected=t.threshold,
                stated=t.printed,
            )
        if t.met is None:
            yield Finding(
                "budget.target_not_computable",
                Severity.INFO,
                _("Finansiellt mål %(year)s, %(target)s: kan inte beräknas. %(explanation)s")
                % about,
                where,
            )
        elif not t.met:
            yield Finding(
                "budget.target_not_met",
                Severity.WARNING,
                _("Finansiellt mål %(year)s, %(target)s: uppfylls inte. %(explanation)s") % about,
                where,
                expected=t.threshold,
                stated=t.value,
            )
