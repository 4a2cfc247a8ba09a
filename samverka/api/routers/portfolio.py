"""Funders, projects with their yearly figures and financing (read), projects (written through
the project form)."""

import datetime
from typing import Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel, ConfigDict

from samverka.api import access, writing
from samverka.api.errors import ApiError, require
from samverka.api.paging import Paging
from samverka.api.params import ChoiceQuery, CodePath, CodeQuery
from samverka.api.schemas import (
    SLUG_PATTERN,
    Input,
    Money,
    address,
    read_responses,
    write_responses,
)
from samverka.decisions.models import Decision
from samverka.orgs.models import Unit
from samverka.portfolio import freezing
from samverka.portfolio.forms import ProjectForm
from samverka.portfolio.models import PROJECT_UNIT_CODE, Financing, Funder, Project
from samverka.portfolio.period import format_period

router = Router(tags=["Projekt"])

ProjectStatus = Literal[tuple(Project.Status.values)]  # type: ignore[valid-type]
MONEY_TEXT = 'Belopp i kronor som text, t.ex. "2680000.00" (även "2 680 000").'
# The form's names for what the API calls otherwise; the period is the form's one field.
NAMES = {"period": "start"}


class FunderOut(Schema):
    code: str
    name: str
    full_name: str
    kind: str
    source: str
    version: int


class Nested(BaseModel):
    """Rows inside a project (its years, its financing): read by pydantic straight from the
    objects' attributes, without ninja's per-object resolver pass (a page of 100 projects has
    about a thousand of them)."""

    model_config = ConfigDict(from_attributes=True)


class YearBudgetOut(Nested):
    year: int
    amount: Money | None
    basis: Literal["stated", "spread", "unknown", "outside"]


class ProjectYearOut(Nested):
    year: int
    budget: Money | None
    personnel_costs: Money | None
    overhead: Money | None
    source: str
    version: int


class FinancingOut(Nested):
    year: int
    kind: str
    funder: str | None = Field(validation_alias="funder_code")
    source_code: str  # how the row is addressed: the funder's code, or the kind
    amount: Money
    source: str
    version: int


class ProjectOut(Schema):
    code: str
    name: str
    status: str
    status_label: str
    start: datetime.date | None
    end: datetime.date | None
    owning_unit: str
    thematic_unit: str | None
    decisions: list[str]  # references, see /decisions/{ref}
    funders: list[str]
    managers: list[str]  # usernames
    total_budget: Money | None
    budgeted_before_answer: bool
    answer_expected_by: datetime.date | None
    description: str
    note: str
    source: str
    budget_by_year: list[YearBudgetOut]
    year_figures: list[ProjectYearOut]
    financing: list[FinancingOut]
    version: int

    @staticmethod
    def resolve_status_label(obj: Project) -> str:
        # By value: get_status_display hashes every choice's lazy label on each call.
        return str(Project.Status(obj.status).label)

    @staticmethod
    def resolve_owning_unit(obj: Project) -> str:
        return obj.owning_unit.code

    @staticmethod
    def resolve_thematic_unit(obj: Project) -> str | None:
        return obj.thematic_unit.code if obj.thematic_unit_id else None

    @staticmethod
    def resolve_decisions(obj: Project) -> list[str]:
        return [address(d) for d in _related(obj, "decisions")]

    @staticmethod
    def resolve_funders(obj: Project) -> list[str]:
        return sorted(f.code for f in _related(obj, "funders"))

    @staticmethod
    def resolve_managers(obj: Project) -> list[str]:
        return sorted(u.get_username() for u in _related(obj, "managers"))

    @staticmethod
    def resolve_budget_by_year(obj: Project) -> list:
        return obj.budget_by_year()

    @staticmethod
    def resolve_year_figures(obj: Project) -> list:
        return sorted(obj.year_figures.all(), key=lambda y: y.year)

    @staticmethod
    def resolve_financing(obj: Project) -> list:
        return sorted(_related(obj, "financing"), key=lambda f: (f.year, f.kind, f.source_code))


class ProjectFields(Input):
    name: str | None = Field(None, max_length=200)
    status: ProjectStatus | None = None
    start: datetime.date | None = Field(None, description="Första dagen (ÅÅÅÅ-MM-DD).")
    end: datetime.date | None = Field(None, description="Sista dagen; båda eller ingen.")
    owning_unit: str | None = Field(None, pattern=SLUG_PATTERN, max_length=80)
    thematic_unit: str | None = Field(None, pattern=SLUG_PATTERN, max_length=80)
    decisions: list[str] | None = Field(None, max_length=100, description="Beslutens referenser.")
    funders: list[str] | None = Field(None, max_length=100, description="Anslagsgivarnas koder.")
    managers: list[str] | None = Field(
        None, max_length=100, description="Projektledarnas användarnamn (bara ekonom/admin)."
    )
    total_budget: str | None = Field(None, max_length=40, description=MONEY_TEXT)
    budgeted_before_answer: bool | None = None
    answer_expected_by: datetime.date | None = None
    description: str | None = Field(None, max_length=10000)
    note: str | None = Field(None, max_length=10000)


class ProjectCreate(ProjectFields):
    code: str = Field(..., pattern=SLUG_PATTERN, max_length=80)
    name: str = Field(..., max_length=200)
    version: int = Field(0, ge=0, le=0, description="0: projektet finns inte än (skapa).")


class ProjectUpdate(ProjectFields):
    """Only the fields sent change."""

    version: int = Field(..., ge=1, le=2_000_000_000, description="Versionen du läste.")


# The relations only this schema reads, read ahead into lists (`to_attr`): Django then builds no
# related manager and filtered queryset per project and relation.
READ_AHEAD = {
    "decisions": Prefetch("decisions", to_attr="decision_list"),
    "funders": Prefetch("funders", to_attr="funder_list"),
    "managers": Prefetch("managers", to_attr="manager_list"),
    "financing": Prefetch(
        "financing", queryset=Financing.objects.select_related("funder"), to_attr="financing_list"
    ),
}


def _projects():
    return (
        Project.objects.filter(federation=access.federation())
        .select_related("owning_unit", "thematic_unit")
        .prefetch_related(*READ_AHEAD.values(), "year_figures")
    )


def _related(project: Project, name: str) -> list:
    """A relation `_projects()` read ahead, or the relation itself for a project read
    otherwise (the stored version in a 409)."""
    found = getattr(project, READ_AHEAD[name].to_attr, None)
    return found if found is not None else list(getattr(project, name).all())


def _project(code: str) -> Project:
    return access.get_or_404(
        _projects(), _("Det finns inget projekt med koden ”%(code)s”.") % {"code": code}, code=code
    )


def _pks(field: str, values: list[str], lookup) -> tuple[list[int], list[dict]]:
    """The primary keys the codes name, and an error for each code that names nothing."""
    found, errors = [], []
    for value in values:
        pk = lookup(value)
        if pk is None:
            errors.append(
                {"field": field, "message": _("”%(value)s” finns inte.") % {"value": value}}
            )
        else:
            found.append(pk)
    return found, errors


def _unit_pk(code: str) -> int | None:
    return Unit.objects.filter(code=code).values_list("pk", flat=True).first()


def _decision_pk(ref: str) -> int | None:
    found = Decision.objects.filter(code=ref).values_list("pk", flat=True).first()
    if found is None and ref.isdigit() and len(ref) < 15:
        found = Decision.objects.filter(pk=int(ref)).values_list("pk", flat=True).first()
    return found


def _form_changes(project: Project, changes: dict) -> dict:
    """The request's fields as the project form's data: codes become keys, the dates the
    form's period."""
    errors: list[dict] = []
    if "start" in changes or "end" in changes:
        start = changes.pop("start", project.start)
        end = changes.pop("end", project.end)
        if (start is None) != (end is None):
            raise ApiError(
                422,
                _("Uppgifterna sparades inte: rätta felen och försök igen."),
                [
                    {
                        "field": "end" if end is None else "start",
                        "message": _("Ange både start- och slutdatum, eller inget av dem."),
                    }
                ],
            )
        changes["period"] = format_period(start, end)
    for name in ("owning_unit", "thematic_unit"):
        if changes.get(name) is not None:
            pks, problems = _pks(name, [changes[name]], _unit_pk)
            changes[name], errors = (pks[0] if pks else None), errors + problems
    lookups = {
        "decisions": _decision_pk,
        "funders": lambda c: Funder.objects.filter(code=c).values_list("pk", flat=True).first(),
        "managers": lambda u: (
            get_user_model().objects.filter(username=u).values_list("pk", flat=True).first()
        ),
    }
    for name, lookup in lookups.items():
        if name in changes:
            pks, problems = _pks(name, [str(v) for v in changes[name] or []], lookup)
            changes[name], errors = pks, errors + problems
    for name in ("description", "note", "total_budget"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    if errors:
        raise ApiError(422, _("Uppgifterna sparades inte: rätta felen och försök igen."), errors)
    return changes


def _errors(form) -> list[dict]:
    errors = writing.field_errors(form, NAMES)
    for error in errors:
        if error["field"] == "start" and _("Slutdatumet") in error["message"]:
            error["field"] = "end"
    return errors


def _save(form, version: int) -> Project:
    if not form.is_valid():
        raise ApiError(
            422, _("Uppgifterna sparades inte: rätta felen och försök igen."), _errors(form)
        )
    saved = writing.save(form.save, ProjectOut, version)
    return _projects().get(pk=saved.pk)


@router.get("/funders", response=read_responses(list[FunderOut]), summary="Anslagsgivare")
@paginate(Paging)
def funder_list(request):
    access.reader(request)
    return Funder.objects.order_by("name", "code")


@router.get("/projects", response=read_responses(list[ProjectOut]), summary="Projekt")
@paginate(Paging)
def project_list(
    request,
    status: ChoiceQuery("Bara projekt med denna status.", list(Project.Status.values)) = None,
    unit: CodeQuery("Bara projekt som enheten äger eller är tematisk enhet för.") = None,
    funder: CodeQuery("Bara projekt som anslagsgivaren finansierar (dess kod).") = None,
):
    """The portfolio in its order, filtered as on the portfolio page."""
    access.reader(request)
    projects = _projects()
    if status is not None:
        projects = projects.filter(status=status)
    if unit is not None:
        projects = projects.filter(Q(owning_unit__code=unit) | Q(thematic_unit__code=unit))
    if funder is not None:
        projects = projects.filter(
            Q(funders__code=funder) | Q(financing__funder__code=funder)
        ).distinct()
    return projects.order_by("sort_order", "name", "code")


@router.get("/projects/{code}", response=read_responses(ProjectOut), summary="Ett projekt")
def project_detail(request, code: CodePath("Projektets kod.")):
    access.reader(request)
    return _project(code)


@router.post(
    "/projects", response=write_responses(ProjectOut, 201), summary="Lägg till ett projekt"
)
def project_create(request, payload: ProjectCreate):
    """A controller's, as on the page. Without an owning unit the project unit owns it.
    409 when a project with the code exists."""
    can = access.reader(request)
    require(can.is_controller, _("Bara en ekonom eller administratör får lägga till projekt."))
    writing.exists_already(_projects().filter(code=payload.code).first(), ProjectOut)
    project = Project(
        federation=access.federation(),
        owning_unit=Unit.objects.filter(code=PROJECT_UNIT_CODE).first(),
    )
    changes = _form_changes(project, payload.model_dump(exclude={"version"}, exclude_unset=True))
    form = writing.bind(ProjectForm, project, changes, payload.version, can_manage=True)
    return Status(201, _save(form, payload.version))


@router.patch(
    "/projects/{code}", response=write_responses(ProjectOut, 200), summary="Ändra ett projekt"
)
def project_update(request, code: CodePath("Projektets kod."), payload: ProjectUpdate):
    """The project's managers, or a controller (who alone may change the managers). A change
    of total or period that would move an adopted year's money is refused, as on the page."""
    can = access.reader(request)
    project = _project(code)
    require(
        can.can_edit_project(project),
        _("Bara projektets projektledare eller en ekonom får ändra projektet."),
    )
    changes = _form_changes(project, payload.model_dump(exclude={"version"}, exclude_unset=True))
    with transaction.atomic():  # a refusal leaves the adopted years as they were, too
        # Adopted years that still follow the total get their amount first (as on the page).
        freezing.freeze_locked_years(project)
        form = writing.bind(
            ProjectForm, project, changes, payload.version, can_manage=can.is_controller
        )
        return _save(form, payload.version)
