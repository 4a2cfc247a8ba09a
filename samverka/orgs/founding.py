"""Set up a federation on an empty database, without code: `samverka init` and `/kom-igang/`.

`create_federation(founding)` creates, in one transaction, the federation, its members (by
municipality code) with their populations, the bodies a kommunalförbund must have, its units,
the first planning period with an empty budget (fee model and assumptions) and the first
administrator. `check(founding)` lists every problem first, in Swedish and placed on its field,
so nothing is half-saved. One federation per installation: a second is refused.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.accounts.models import Role, RoleAssignment
from samverka.audit.context import acting_as
from samverka.audit.recording import log
from samverka.budget.models import Assumptions, FeeModel
from samverka.lib.money import round_kronor
from samverka.orgs import municipalities, populations
from samverka.orgs.models import (
    Federation,
    GoverningBody,
    Member,
    PlanningPeriod,
    Population,
    Seat,
    Unit,
)

ACTOR = "system: samverka init"
MAX_FEE = Decimal("100000")


class Governance(models.TextChoices):
    """The two forms kommunallagen (2017:725) 9 kap. allows a kommunalförbund."""

    DIRECTION = "direktion", gettext_lazy("Förbundsdirektion")
    ASSEMBLY = "fullmaktige", gettext_lazy("Förbundsfullmäktige och förbundsstyrelse")


@dataclass
class MemberEntry:
    code: str
    name: str = ""
    inhabitants: int | None = None


@dataclass
class Founding:
    """Everything a new federation needs; the command and the first-run page both fill one."""

    name: str
    members: list[MemberEntry]
    year: int
    fee_per_inhabitant: Decimal | None
    governance: str
    admin_username: str
    admin_password: str
    short_name: str = ""
    organisation_number: str = ""
    units: list[str] = field(default_factory=lambda: [_("Kansli")])
    payroll_overhead_rate: Decimal | None = None
    budgeted_fee_income: Decimal | None = None
    population_year: int | None = None
    population_source: str = ""
    populations_fetched_at: datetime.datetime | None = None
    admin_email: str = ""
    # The first-run page keeps the password only as Django's hash between its steps (checked
    # against the validators when it was typed).
    admin_password_hash: str = ""

    @property
    def reference_year(self) -> int:
        """The population the fee is computed on: 31 December two years before, by default
        (the latest SCB has published when the budget is made)."""
        return self.population_year or self.year - 2

    @property
    def code(self) -> str:
        return slugify(self.short_name or self.name)[:50]

    def unit_codes(self) -> list[str]:
        return [slugify(name)[:50] for name in self.units]


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: `field` is the input's name (`members`, `year`, …)."""

    field: str
    message: str
    item: str = ""  # the municipality code a member's problem is about

    def __str__(self) -> str:
        return self.message


class FoundingRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))


def already_set_up() -> Problem | None:
    existing = Federation.objects.first()
    if existing is None:
        return None
    return Problem(
        "",
        _(
            "Det finns redan ett förbund i den här installationen (%(name)s): en installation "
            "har ett enda förbund. Ett annat förbund läggs upp i en ny, tom databas."
        )
        % {"name": existing.name},
    )


def parse_codes(text: str) -> list[str]:
    """Municipality codes separated by commas, spaces or new lines, in the order given."""
    return [part for part in text.replace(",", " ").replace(";", " ").split() if part]


def code_problems(codes: list[str], where: str = "members") -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for code in codes:
        if not (len(code) == 4 and code.isdigit()):
            problems.append(
                Problem(
                    where,
                    _("Kommunkoden ”%(code)s” är inte fyra siffror (t.ex. 1490 för Borås).")
                    % {"code": code},
                    code,
                )
            )
        elif municipalities.get(code) is None:
            problems.append(
                Problem(
                    where,
                    _(
                        "Kommunkoden %(code)s finns inte bland Sveriges 290 kommuner "
                        "(SCB:s kommunkoder)."
                    )
                    % {"code": code},
                    code,
                )
            )
        elif code in seen:
            problems.append(
                Problem(where, _("Kommunkoden %(code)s står två gånger.") % {"code": code}, code)
            )
        seen.add(code)
    return problems


def check(founding: Founding) -> list[Problem]:
    """Every problem with the founding; an empty list means it can be created."""
    problems = []
    existing = already_set_up()
    if existing:
        problems.append(existing)
    name = founding.name.strip()
    if not name:
        problems.append(Problem("name", _("Skriv förbundets namn.")))
    elif len(name) > 200:
        problems.append(Problem("name", _("Förbundets namn får vara högst 200 tecken.")))
    elif not founding.code:
        problems.append(Problem("name", _("Namnet behöver minst en bokstav eller siffra.")))
    if len(founding.organisation_number) > 20:
        problems.append(
            Problem("organisation_number", _("Organisationsnumret får vara högst 20 tecken."))
        )

    codes = [m.code for m in founding.members]
    if len(codes) < 2:
        problems.append(Problem("members", _("Ett kommunalförbund har minst två medlemskommuner.")))
    problems += code_problems(codes)
    for member in founding.members:
        if member.inhabitants is not None and member.inhabitants < 0:
            problems.append(
                Problem(
                    f"population_{member.code}",
                    _("Folkmängden för %(code)s kan inte vara negativ.") % {"code": member.code},
                )
            )

    if not 2000 <= founding.year <= 2100:
        problems.append(Problem("year", _("Året ska vara mellan 2000 och 2100.")))
    if founding.fee_per_inhabitant is None:
        problems.append(Problem("fee_per_inhabitant", _("Ange medlemsavgiften per invånare.")))
    elif not Decimal(0) < founding.fee_per_inhabitant < MAX_FEE:
        problems.append(
            Problem(
                "fee_per_inhabitant",
                _("Medlemsavgiften per invånare ska vara större än 0 och mindre än 100 000 kr."),
            )
        )
    rate = founding.payroll_overhead_rate
    if rate is not None and not Decimal(0) <= rate <= Decimal(100):
        problems.append(
            Problem("payroll_overhead_rate", _("PO-pålägget ska vara mellan 0 och 100 %."))
        )
    if founding.budgeted_fee_income is not None and founding.budgeted_fee_income < 0:
        problems.append(
            Problem("budgeted_fee_income", _("Budgeterade medlemsavgifter kan inte vara negativa."))
        )
    if founding.governance not in Governance.values:
        problems.append(
            Problem(
                "governance",
                _("Välj förbundsdirektion eller förbundsfullmäktige och förbundsstyrelse."),
            )
        )

    units = [u.strip() for u in founding.units if u.strip()]
    if not units:
        problems.append(Problem("units", _("Ange minst en enhet, t.ex. Kansli.")))
    unit_codes = [slugify(u) for u in units]
    for unit, code in zip(units, unit_codes, strict=True):
        if not code:
            problems.append(
                Problem("units", _("Enheten ”%(name)s” behöver en bokstav.") % {"name": unit})
            )
        elif unit_codes.count(code) > 1:
            problems.append(
                Problem("units", _("Enheten ”%(name)s” står två gånger.") % {"name": unit})
            )
    problems += admin_problems(
        founding.admin_username,
        None if founding.admin_password_hash else founding.admin_password,
    )
    return _unique(problems)


def admin_problems(username: str, password: str | None) -> list[Problem]:
    """The username's and password's problems (a password of None is not checked)."""
    User = get_user_model()
    problems = []
    user = User(username=username)
    try:
        user.clean_fields(exclude=["password", "last_login", "date_joined"])
    except ValidationError as exc:
        for message in exc.message_dict.get("username", []):
            problems.append(Problem("admin_username", message))
    if username and User.objects.filter(username=username).exists():
        problems.append(Problem("admin_username", _("Användarnamnet finns redan.")))
    if password is None:
        return problems
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        problems += [Problem("admin_password", message) for message in exc.messages]
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, result = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            result.append(problem)
    return result


def fetch_from_scb(codes: list[str], reference_year: int) -> tuple[list[MemberEntry], str]:
    """Names and populations on 31 December `reference_year` from SCB, for the given codes.

    Raises goals.http.ServiceError when SCB does not answer; nothing is stored here.
    """
    from samverka.goals.fetching import SCB_POPULATION_SOURCE

    client = populations.scb_client()
    try:
        values, names = client.population_and_names(codes, [reference_year])
    finally:
        client.close()
    inhabitants = {v.region: int(v.value) for v in values if v.year == reference_year}
    entries = []
    for code in codes:
        known = municipalities.get(code)
        entries.append(
            MemberEntry(
                code=code,
                name=names.get(code) or (known.name if known else ""),
                inhabitants=inhabitants.get(code),
            )
        )
    return entries, f"{SCB_POPULATION_SOURCE} {reference_year}"


def create_federation(founding: Founding) -> Federation:
    """Create the federation and everything it starts with, or refuse with every problem."""
    problems = check(founding)
    if problems:
        raise FoundingRefused(problems)
    try:
        with transaction.atomic(), acting_as(None, ACTOR):
            return _create(founding)
    except IntegrityError:
        # Another founding won the race: the constraint refuses a second federation.
        problem = already_set_up()
        if problem is None:
            raise
        raise FoundingRefused([problem]) from None


def _create(founding: Founding) -> Federation:
    federation = Federation(
        code=founding.code,
        name=founding.name.strip(),
        short_name=founding.short_name.strip(),
        organisation_number=founding.organisation_number.strip(),
    )
    federation.full_clean()
    federation.save()

    reference_date = datetime.date(founding.reference_year, 12, 31)
    source = founding.population_source or _("angiven när förbundet lades upp")
    members = []
    for entry in founding.members:
        known = municipalities.get(entry.code)
        member = Member.objects.create(
            federation=federation,
            municipality_code=entry.code,
            name=entry.name or (known.name if known else entry.code),
        )
        members.append(member)
        if entry.inhabitants is not None:
            Population.objects.create(
                member=member,
                reference_date=reference_date,
                inhabitants=entry.inhabitants,
                source=source,
                fetched_at=founding.populations_fetched_at,
            )

    _create_bodies(federation, founding.governance, members)
    for order, name in enumerate((u.strip() for u in founding.units if u.strip()), start=1):
        Unit.objects.create(
            federation=federation,
            code=slugify(name)[:50],
            name=name,
            kind=Unit.Kind.OFFICE if order == 1 else Unit.Kind.DEVELOPMENT_AREA,
            sort_order=order,
        )

    period = PlanningPeriod.objects.create(federation=federation, year=founding.year)
    rate = founding.fee_per_inhabitant
    known_fees = sum(
        (
            round_kronor(rate * e.inhabitants, Decimal("0.01"))
            for e in founding.members
            if e.inhabitants is not None
        ),
        Decimal(0),
    )
    FeeModel.objects.create(
        period=period,
        rate_per_inhabitant=rate,
        population_reference_date=reference_date,
        budgeted_income=(
            founding.budgeted_fee_income if founding.budgeted_fee_income is not None else known_fees
        ),
        source=_("angiven när förbundet lades upp"),
    )
    Assumptions.objects.create(
        period=period,
        payroll_overhead_rate=founding.payroll_overhead_rate,
        source=_("angiven när förbundet lades upp"),
    )

    User = get_user_model()
    admin = User(
        username=founding.admin_username,
        email=founding.admin_email,
        is_staff=True,
        is_superuser=True,
    )
    if founding.admin_password_hash:
        admin.password = founding.admin_password_hash
    else:
        admin.set_password(founding.admin_password)
    admin.save()
    log(admin, "accounts.user.created")
    RoleAssignment.objects.create(user=admin, role=Role.ADMIN)
    log(
        federation,
        "orgs.federation.founded",
        {
            "members": len(members),
            "year": founding.year,
            "populations": sum(1 for e in founding.members if e.inhabitants is not None),
            "administrator": admin.get_username(),
        },
    )
    return federation


def _create_bodies(federation: Federation, governance: str, members: list[Member]) -> None:
    """Every member has an ordinary seat and a substitute in the assembly (kommunallagen 9 kap.);
    who holds them is entered later on the body's page."""
    law = _("kommunallagen (2017:725) 9 kap.")
    if governance == Governance.DIRECTION:
        assembly = GoverningBody.objects.create(
            federation=federation,
            code="direktion",
            name=_("Förbundsdirektionen"),
            kind=GoverningBody.Kind.BOARD,
            is_decision_making=True,
            mandate=_("Förbundets beslutande församling, som också fullgör styrelsens uppgifter."),
            source=law,
            sort_order=1,
        )
    else:
        assembly = GoverningBody.objects.create(
            federation=federation,
            code="forbundsfullmaktige",
            name=_("Förbundsfullmäktige"),
            kind=GoverningBody.Kind.ASSEMBLY,
            is_decision_making=True,
            mandate=_("Förbundets beslutande församling."),
            source=law,
            sort_order=1,
        )
        GoverningBody.objects.create(
            federation=federation,
            code="forbundsstyrelse",
            name=_("Förbundsstyrelsen"),
            kind=GoverningBody.Kind.EXECUTIVE_BOARD,
            is_decision_making=True,
            prepares_for=assembly,
            mandate=_(
                "Leder och samordnar förbundets verksamhet och bereder fullmäktiges ärenden."
            ),
            source=law,
            sort_order=2,
        )
    for member in members:
        for role in (Seat.Role.ORDINARY, Seat.Role.SUBSTITUTE):
            Seat.objects.create(body=assembly, member=member, role=role)
