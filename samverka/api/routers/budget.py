"""Budget lines (read and write), a year's budget with its consolidated totals, the findings
of the validation engine and the member fees."""

import datetime
from decimal import Decimal
from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from samverka.api import access, writing
from samverka.api.errors import ApiError, forbidden, require
from samverka.api.paging import Paging
from samverka.api.params import ChoiceQuery, CodePath, CodeQuery, YearPath, YearQuery
from samverka.api.schemas import (
    SLUG_PATTERN,
    DecimalText,
    Input,
    Money,
    decimal_text,
    read_responses,
    write_responses,
)
from samverka.budget import editing, fees, targets, validation
from samverka.budget.computations import Table, load_budget
from samverka.budget.forms import BudgetLineForm
from samverka.budget.models import KIND_ORDER, Assumptions, BudgetLine, LineKind
from samverka.budget.tables import previous_period
from samverka.lib.findings import Finding, Severity
from samverka.orgs.models import PeriodLockedError

router = Router(tags=["Budget"])

KINDS = tuple(LineKind.values)
Kind = Literal[KINDS]  # type: ignore[valid-type]
AMOUNT_TEXT = (
    'Belopp i kronor som text, t.ex. "-6011000.00" (även "-6 011 000" och "1 234,50"). '
    "Kostnader negativa."
)


class BudgetLineOut(Schema):
    year: int
    unit: str | None  # the unit's code; null for a line of the federation's total table
    code: str
    kind: str
    kind_label: str
    section: Literal["revenue", "costs"]
    label: str
    amount: Money
    salaries: Money | None
    source: str
    sort_order: int
    version: int

    @staticmethod
    def resolve_year(obj: BudgetLine) -> int:
        return obj.period.year

    @staticmethod
    def resolve_unit(obj: BudgetLine) -> str | None:
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_kind_label(obj: BudgetLine) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_section(obj: BudgetLine) -> str:
        return str(obj.section)


class BudgetLineCreate(Input):
    code: str = Field(..., pattern=SLUG_PATTERN, max_length=60, description="Radens kod.")
    kind: Kind
    label: str = Field(..., max_length=200)
    amount: str | None = Field(None, max_length=40, description=AMOUNT_TEXT)
    salaries: str | None = Field(
        None,
        max_length=40,
        description="Lönesumma (bara personalrader): kostnaden beräknas med årets PO-pålägg.",
    )
    source: str = Field("", max_length=300)
    version: int = Field(0, ge=0, le=0, description="0: raden finns inte än (skapa).")


class BudgetLineUpdate(Input):
    """Only the fields sent change. An amount sent without a salary sum clears the salary sum
    (else the form would compute the amount from it)."""

    kind: Kind | None = None
    label: str | None = Field(None, max_length=200)
    amount: str | None = Field(None, max_length=40, description=AMOUNT_TEXT)
    salaries: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=300)
    version: int = Field(..., ge=1, le=2_000_000_000, description="Versionen du läste.")


class TableOut(Schema):
    unit: str | None
    name: str
    revenue: Money
    personnel: Money
    other_costs: Money
    overhead: Money  # overhead costs and income netted
    costs: Money
    result: Money
    by_kind: dict[str, Money]
    stated: dict[str, Money]  # the subtotals as the source document printed them


class TargetOut(Schema):
    code: str
    label: str
    value: DecimalText | None
    threshold: DecimalText | None
    met: bool | None
    explanation: str
    unit: str


class SeverityCounts(Schema):
    error: int
    warning: int
    info: int


class BudgetOut(Schema):
    year: int
    status: str
    is_locked: bool
    units: list[TableOut]
    consolidated: TableOut  # the federation from its units, overhead netted
    total_as_printed: TableOut  # the federation's own total table as printed
    previous_year: int | None
    previous_consolidated: TableOut | None
    financial_targets: list[TargetOut]
    findings: SeverityCounts


class FindingOut(Schema):
    code: str
    severity: Literal["error", "warning", "info"]
    severity_label: str
    message: str
    where: dict[str, str]
    expected: str | None  # amounts as exact decimal text
    stated: str | None
    difference: str | None


class MemberFeeOut(Schema):
    municipality_code: str
    name: str
    inhabitants: int | None
    fee: Money | None


class FeeShareOut(Schema):
    unit: str
    amount: Money
    version: int


class FeesOut(Schema):
    year: int
    rate_per_inhabitant: Money
    indexation: DecimalText | None
    population_reference_date: datetime.date
    budgeted_income: Money
    total_fees: Money
    difference: Money
    known_inhabitants: int
    implied_inhabitants: int
    missing: list[str]  # municipality codes without a population on the reference date
    members: list[MemberFeeOut]
    allocations: list[FeeShareOut]
    version: int  # the fee model's


def _table(table: Table) -> dict:
    return {
        "unit": table.unit.code if table.unit else None,
        "name": table.name,
        **table.summary(),
        "by_kind": dict(table.by_kind),
        "stated": dict(table.stated),
    }


def _text(value: Decimal | str | None) -> str | None:
    if value is None:
        return None
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


def _finding(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "severity_label": finding.severity.label,
        "message": finding.message,
        "where": dict(finding.where),
        "expected": _text(finding.expected),
        "stated": _text(finding.stated),
        "difference": _text(finding.difference),
    }


def _lines():
    return BudgetLine.objects.filter(period__federation=access.federation()).select_related(
        "period", "unit"
    )


def _line(year: int, unit: str, code: str) -> BudgetLine:
    period = access.period(year)
    unit_obj = access.unit(unit)
    return access.get_or_404(
        _lines(),
        _("Enheten ”%(unit)s” har ingen budgetrad ”%(code)s” %(year)s.")
        % {"unit": unit, "code": code, "year": year},
        period=period,
        unit=unit_obj,
        code=code,
    )


def _editor(request, period, unit) -> None:
    """The line form's checks, in the page's order: the unit's editors, an open period."""
    can = access.reader(request)
    require(
        can.can_edit_unit(unit),
        _("Bara en ekonom eller enhetens chef får ändra enhetens budget."),
    )
    try:
        period.check_editable()
    except PeriodLockedError as exc:
        raise forbidden(exc.message) from None
    reason = editing.lock_reason(can, period, unit)
    if reason:
        raise forbidden(reason)


def _save_line(form, line: BudgetLine, version: int) -> BudgetLine:
    writing.refuse_unless_valid(form)
    line.sort_order = KIND_ORDER.get(form.cleaned_data["kind"], 0)
    return writing.save(form.save, BudgetLineOut, version)


def _form_kwargs(period) -> dict:
    assumptions = Assumptions.objects.filter(period=period).first()
    return {"payroll_overhead_rate": assumptions.payroll_overhead_rate if assumptions else None}


@router.get("/budget-lines", response=read_responses(list[BudgetLineOut]), summary="Budgetrader")
@paginate(Paging)
def line_list(
    request,
    year: YearQuery() = None,
    unit: CodeQuery("Bara enhetens rader (enhetens kod).") = None,
    kind: ChoiceQuery("Bara rader av detta slag.", list(KINDS)) = None,
    total_table: bool | None = Query(
        None, description="true: bara förbundets totaltabell; false: bara enheternas rader."
    ),
):
    """Every budget line, by year (latest first), unit and the table's order."""
    access.reader(request)
    lines = _lines()
    if year is not None:
        lines = lines.filter(period__year=year)
    if unit is not None:
        lines = lines.filter(unit__code=unit)
    if kind is not None:
        lines = lines.filter(kind=kind)
    if total_table is not None:
        lines = lines.filter(unit__isnull=total_table)
    return lines.order_by("-period__year", "unit__sort_order", "unit__code", "sort_order", "code")


@router.get(
    "/periods/{year}/units/{unit}/budget-lines/{code}",
    response=read_responses(BudgetLineOut),
    summary="En budgetrad",
)
def line_detail(
    request, year: YearPath(), unit: CodePath("Enhetens kod."), code: CodePath("Radkod.")
):
    access.reader(request)
    return _line(year, unit, code)


@router.post(
    "/periods/{year}/units/{unit}/budget-lines",
    response=write_responses(BudgetLineOut, 201),
    summary="Lägg till en budgetrad",
)
def line_create(
    request, year: YearPath(), unit: CodePath("Enhetens kod."), payload: BudgetLineCreate
):
    """Controller or the unit's manager, while the period is a draft or under revision.
    409 when the unit already has a line with the code."""
    period, unit_obj = access.period(year), access.unit(unit)
    _editor(request, period, unit_obj)
    line = BudgetLine(period=period, unit=unit_obj)
    existing = BudgetLine.objects.filter(period=period, unit=unit_obj, code=payload.code).first()
    writing.exists_already(existing, BudgetLineOut)
    changes = payload.model_dump(exclude={"version"})
    form = writing.bind(BudgetLineForm, line, changes, payload.version, **_form_kwargs(period))
    return Status(201, _save_line(form, line, payload.version))


@router.patch(
    "/periods/{year}/units/{unit}/budget-lines/{code}",
    response=write_responses(BudgetLineOut, 200),
    summary="Ändra en budgetrad",
)
def line_update(
    request,
    year: YearPath(),
    unit: CodePath("Enhetens kod."),
    code: CodePath("Radkod."),
    payload: BudgetLineUpdate,
):
    line = _line(year, unit, code)
    _editor(request, line.period, line.unit)
    changes = payload.model_dump(exclude={"version"}, exclude_unset=True)
    if "amount" in changes and "salaries" not in changes:
        changes["salaries"] = None
    form = writing.bind(BudgetLineForm, line, changes, payload.version, **_form_kwargs(line.period))
    return _save_line(form, line, payload.version)


@router.delete(
    "/periods/{year}/units/{unit}/budget-lines/{code}",
    response=write_responses(BudgetLineOut, 204),
    summary="Ta bort en budgetrad",
)
def line_delete(
    request,
    year: YearPath(),
    unit: CodePath("Enhetens kod."),
    code: CodePath("Radkod."),
    version: int = Query(..., ge=1, le=2_000_000_000, description="Versionen du läste."),
):
    line = _line(year, unit, code)
    _editor(request, line.period, line.unit)
    with transaction.atomic():
        current = _lines().select_for_update(of=("self",)).filter(pk=line.pk).first()
        if current is None or current.version != version:
            raise writing.stale(line, current, BudgetLineOut)
        writing.save(current.delete, BudgetLineOut, version)
    return Status(204, None)


@router.get("/periods/{year}/budget", response=read_responses(BudgetOut), summary="Årets budget")
def budget_detail(request, year: YearPath()):
    """The year's tables summed: each unit, the federation consolidated from its units (overhead
    netted), the total table as printed, the previous year, the financial targets and how many
    findings the validation engine has (see /periods/{year}/findings)."""
    access.reader(request)
    period = access.period(year)
    budget = load_budget(period)
    previous = previous_period(period)
    previous_budget = load_budget(previous) if previous else None
    found = validation.run(period)
    return {
        "year": period.year,
        "status": period.status,
        "is_locked": period.is_locked,
        "units": [_table(table) for table in budget.units],
        "consolidated": _table(budget.consolidated),
        "total_as_printed": _table(budget.total),
        "previous_year": previous.year if previous else None,
        "previous_consolidated": _table(previous_budget.consolidated) if previous_budget else None,
        "financial_targets": [vars(result) for result in targets.evaluate(period, budget)],
        "findings": {s.value: sum(1 for f in found if f.severity == s) for s in Severity},
    }


@router.get(
    "/periods/{year}/findings", response=read_responses(list[FindingOut]), summary="Årets fynd"
)
def finding_list(
    request,
    year: YearPath(),
    severity: ChoiceQuery("Bara fynd av denna allvarlighet.", ["error", "warning", "info"]) = None,
):
    """What the validation engine finds in the year's budget, in the engine's order."""
    access.reader(request)
    found = validation.run(access.period(year))
    return [_finding(f) for f in found if severity is None or f.severity.value == severity]


@router.get(
    "/periods/{year}/fees", response=read_responses(FeesOut), summary="Medlemsavgifter per kommun"
)
def fee_detail(request, year: YearPath()):
    """The fee per member: rate × population on the reference date; 404 without a fee model."""
    access.reader(request)
    period = access.period(year)
    basis = fees.fee_basis(period)
    if basis is None:
        raise ApiError(404, _("Det finns ingen avgiftsmodell för %(year)s.") % {"year": year})
    model = basis.model
    return {
        "year": period.year,
        "rate_per_inhabitant": model.rate_per_inhabitant,
        "indexation": model.indexation,
        "population_reference_date": model.population_reference_date,
        "budgeted_income": model.budgeted_income,
        "total_fees": basis.total_fees,
        "difference": basis.difference,
        "known_inhabitants": basis.known_inhabitants,
        "implied_inhabitants": basis.implied_inhabitants,
        "missing": [m.municipality_code for m in basis.missing],
        "members": [
            {
                "municipality_code": row.member.municipality_code,
                "name": row.member.name,
                "inhabitants": row.inhabitants,
                "fee": row.fee,
            }
            for row in basis.rows
        ],
        "allocations": [
            {"unit": a.unit.code, "amount": a.amount, "version": a.version}
            for a in basis.allocations
        ],
        "version": model.version,
    }
