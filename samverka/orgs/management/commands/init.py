"""`samverka init`: set up a federation on an empty database, from a YAML file, flags or prompts.

    samverka init --file federation.yaml
    samverka init --name "…" --members 1443,1490,… --year 2026 --fee 45 --governance direktion \
        --unit Kansli --admin-username admin   (the password is asked for, or --file)
    samverka init            (asks for everything, in Swedish)
"""

import getpass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from samverka.budget.validation import run as validate
from samverka.goals.http import ServiceError
from samverka.orgs import municipalities
from samverka.orgs.founding import (
    Founding,
    FoundingRefused,
    Governance,
    MemberEntry,
    Problem,
    already_set_up,
    code_problems,
    create_federation,
    fetch_from_scb,
    parse_codes,
)
from samverka.orgs.models import PlanningPeriod

FIELDS = {
    "name": "namn",
    "short_name": "kortnamn",
    "organisation_number": "organisationsnummer",
    "members": "medlemmar",
    "year": "år",
    "fee_per_inhabitant": "avgift per invånare",
    "payroll_overhead_rate": "PO-pålägg",
    "budgeted_fee_income": "budgeterade medlemsavgifter",
    "governance": "styrelseform",
    "units": "enheter",
    "admin_username": "administratör: användarnamn",
    "admin_password": "administratör: lösenord",
}


class Command(BaseCommand):
    help = (
        "Lägger upp ett kommunalförbund i en tom databas: namn, medlemskommuner (kommunkoder), "
        "styrelseform, enheter, första planeringsåret med avgiftsmodell och den första "
        "administratören. Från en YAML-fil (--file), flaggor eller frågor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", help="En YAML-fil med förbundets uppgifter.")
        parser.add_argument("--name", help="Förbundets namn.")
        parser.add_argument("--short-name", default="", help="Områdets namn, t.ex. Sjuhärad.")
        parser.add_argument("--org-number", default="", help="Organisationsnummer.")
        parser.add_argument("--members", help="Kommunkoder, kommaseparerade: 1443,1490,…")
        parser.add_argument("--year", type=int, help="Det första planeringsåret.")
        parser.add_argument("--fee", help="Medlemsavgift per invånare i kronor, t.ex. 45,50.")
        parser.add_argument("--po-rate", help="PO-pålägg i procent (SKR:s för året); tomt går.")
        parser.add_argument("--governance", choices=Governance.values)
        parser.add_argument("--unit", action="append", help="En enhet (flera går); först kansliet.")
        parser.add_argument("--admin-username")
        parser.add_argument("--admin-email", default="")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--online", action="store_true", help="Hämta från SCB.")
        group.add_argument("--offline", action="store_true", help="Hämta inte från SCB.")
        parser.add_argument(
            "--no-input", action="store_true", help="Fråga inte; saknade uppgifter är fel."
        )

    def handle(self, *args, **options) -> None:
        problem = already_set_up()
        if problem:
            raise CommandError(problem.message)
        online = options["online"] or (settings.SCB_ONLINE and not options["offline"])
        file = options["file"]
        data = read_file(Path(file)) if file else self._from_options(options)
        interactive = not options["no_input"] and not options["file"]
        founding = self._founding(data, online, interactive)
        try:
            federation = create_federation(founding)
        except FoundingRefused as exc:
            raise CommandError(_problems(exc.problems, data)) from None
        period = PlanningPeriod.objects.get(federation=federation, year=founding.year)
        self.stdout.write(
            self.style.SUCCESS(
                f"Förbundet {federation.name} är upplagt med {len(founding.members)} "
                f"medlemmar och planeringsåret {founding.year}."
            )
        )
        self.stdout.write(f"Administratör: {founding.admin_username}")
        missing = [m.code for m in founding.members if m.inhabitants is None]
        if missing:
            self.stdout.write(
                f"Folkmängd saknas för {len(missing)} medlemmar; ange den på medlemssidorna "
                "eller hämta den med samverka fetch-scb."
            )
        self.stdout.write(
            f"Förbundets finansiella mål är inte inlagda. Controllern lägger in dem på "
            f"{reverse('budget:targets', args=[founding.year])} (Budget → Finansiella mål)."
        )
        findings = validate(period)
        if findings:
            self.stdout.write(f"Budgetkontrollen för {founding.year} ({len(findings)} fynd):")
            for finding in findings:
                self.stdout.write(f"  [{finding.severity}] {finding.message}")

    def _from_options(self, options: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": options["name"],
            "short_name": options["short_name"],
            "organisation_number": options["org_number"],
            "members": parse_codes(options["members"]) if options["members"] else None,
            "year": options["year"],
            "fee_per_inhabitant": options["fee"],
            "payroll_overhead_rate": options["po_rate"],
            "governance": options["governance"],
            "units": options["unit"],
        }
        if options["admin_username"]:
            data["administrator"] = {
                "username": options["admin_username"],
                "email": options["admin_email"],
            }
        return data

    def _founding(self, data: dict[str, Any], online: bool, interactive: bool) -> Founding:
        ask = Prompter(self) if interactive else None
        problems: list[Problem] = []
        if ask:
            data = ask.complete(data)
        members = _members(data.get("members"), problems)
        year = _integer(data.get("year"), "year", problems)
        population_year = data.get("population_year")
        if population_year is not None:
            population_year = _integer(population_year, "population_year", problems)
        founding = Founding(
            name=str(data.get("name") or ""),
            short_name=str(data.get("short_name") or ""),
            organisation_number=str(data.get("organisation_number") or ""),
            members=members,
            year=year or 0,
            fee_per_inhabitant=_decimal(
                data.get("fee_per_inhabitant"), "fee_per_inhabitant", problems
            ),
            payroll_overhead_rate=_decimal(
                data.get("payroll_overhead_rate"), "payroll_overhead_rate", problems
            ),
            budgeted_fee_income=_decimal(
                data.get("budgeted_fee_income"), "budgeted_fee_income", problems
            ),
            governance=str(data.get("governance") or ""),
            units=[str(u) for u in (data.get("units") or ["Kansli"])],
            population_year=population_year,
            population_source=str(data.get("population_source") or ""),
            admin_username=str((data.get("administrator") or {}).get("username") or ""),
            admin_email=str((data.get("administrator") or {}).get("email") or ""),
            admin_password=str((data.get("administrator") or {}).get("password") or ""),
        )
        if problems:
            raise CommandError(_problems(problems, data))
        codes = [m.code for m in members]
        if online and not code_problems(codes) and year:
            self.stdout.write(f"Hämtar namn och folkmängd {founding.reference_year} från SCB …")
            try:
                fetched, source = fetch_from_scb(codes, founding.reference_year)
            except ServiceError as exc:
                raise CommandError(
                    f"SCB svarade inte: {exc} Kör igen, eller med --offline och folkmängden "
                    "angiven i filen."
                ) from None
            entered = {m.code: m.inhabitants for m in members}
            for entry in fetched:
                if entry.inhabitants is None:
                    entry.inhabitants = entered.get(entry.code)
            founding.members = fetched
            founding.population_source = source
            founding.populations_fetched_at = timezone.now()
        elif ask and not code_problems(codes):
            ask.populations(founding)
        if ask and not founding.admin_password:
            founding.admin_password = ask.password()
        return founding


class Prompter:
    """Asks, in Swedish, for what the flags did not give."""

    def __init__(self, command: BaseCommand) -> None:
        self.out = command.stdout

    def _ask(self, question: str, default: str = "") -> str:
        hint = f" [{default}]" if default else ""
        answer = input(f"{question}{hint}: ").strip()
        return answer or default

    def complete(self, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        if not data.get("name"):
            data["name"] = self._ask("Förbundets namn")
        if not data.get("short_name"):
            data["short_name"] = self._ask("Områdets namn (kortnamn, får vara tomt)")
        while not data.get("members"):
            codes = parse_codes(self._ask("Medlemskommunernas kommunkoder, t.ex. 1443, 1490"))
            problems = code_problems(codes)
            for problem in problems:
                self.out.write(problem.message)
            if codes and not problems:
                for code in codes:
                    self.out.write(f"  {code} {municipalities.get(code).name}")
                data["members"] = codes
        if not data.get("year"):
            data["year"] = self._ask("Första planeringsåret", str(timezone.now().year + 1))
        if not data.get("governance"):
            self.out.write("Styrelseform (kommunallagen 9 kap.):")
            self.out.write(f"  {Governance.DIRECTION.value}: {Governance.DIRECTION.label}")
            self.out.write(f"  {Governance.ASSEMBLY.value}: {Governance.ASSEMBLY.label}")
            data["governance"] = self._ask("Styrelseform", Governance.DIRECTION.value)
        if not data.get("fee_per_inhabitant"):
            data["fee_per_inhabitant"] = self._ask("Medlemsavgift per invånare (kr)")
        if data.get("payroll_overhead_rate") is None:
            data["payroll_overhead_rate"] = self._ask(
                "PO-pålägg i procent enligt SKR:s rekommendation (tomt: anges senare)"
            )
        if not data.get("units"):
            answer = self._ask("Enheter, kommaseparerade (den första är kansliet)", "Kansli")
            data["units"] = [u.strip() for u in answer.split(",") if u.strip()]
        admin = dict(data.get("administrator") or {})
        if not admin.get("username"):
            admin["username"] = self._ask("Administratörens användarnamn", "admin")
        data["administrator"] = admin
        return data

    def populations(self, founding: Founding) -> None:
        self.out.write(
            f"Folkmängd 31 december {founding.reference_year} (tomt: anges senare på medlemssidan):"
        )
        for member in founding.members:
            if member.inhabitants is not None:
                continue
            name = municipalities.get(member.code).name
            while True:
                answer = self._ask(f"  {member.code} {name}").replace(" ", "")
                if not answer:
                    break
                if answer.isdigit():
                    member.inhabitants = int(answer)
                    break
                self.out.write("  Skriv ett heltal, t.ex. 113000, eller lämna tomt.")

    def password(self) -> str:
        return getpass.getpass("Administratörens lösenord: ")


def read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"Filen {path} kan inte läsas: {exc.strerror}.") from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise CommandError(f"{path} är inte giltig YAML: {exc}") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: filen ska vara en YAML-mappning (namn: värde).")
    data["_lines"] = _lines(node)
    data["_path"] = str(path)
    return data


def _lines(node) -> dict[str, int]:
    """Line of each top-level key, and of each member as `members.N` (1-based)."""
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        lines[key.value] = key.start_mark.line + 1
        if key.value == "members" and isinstance(value, yaml.SequenceNode):
            for n, item in enumerate(value.value):
                lines[f"members.{n}"] = item.start_mark.line + 1
        if key.value == "administrator" and isinstance(value, yaml.MappingNode):
            for sub, _v in value.value:
                lines[f"admin_{sub.value}"] = sub.start_mark.line + 1
    return lines


def _members(raw: Any, problems: list[Problem]) -> list[MemberEntry]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = parse_codes(raw)
    if not isinstance(raw, list):
        problems.append(Problem("members", "Medlemmarna ska vara en lista med kommunkoder."))
        return []
    entries = []
    for n, item in enumerate(raw):
        if isinstance(item, dict):
            code = str(item.get("code", "")).strip()
            inhabitants = item.get("inhabitants")
            if inhabitants is not None and not isinstance(inhabitants, int):
                problems.append(
                    Problem(f"members.{n}", f"Folkmängden för {code} ska vara ett heltal.")
                )
                inhabitants = None
            entries.append(MemberEntry(code=code, inhabitants=inhabitants))
        else:
            entries.append(MemberEntry(code=str(item).strip()))
    return entries


def _integer(value: Any, name: str, problems: list[Problem]) -> int | None:
    if value is None or value == "":
        problems.append(Problem(name, "Ange ett år, t.ex. 2026."))
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        problems.append(Problem(name, f"”{value}” är inte ett år."))
        return None


def _decimal(value: Any, name: str, problems: list[Problem]) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        problems.append(Problem(name, f"”{value}” är inte ett tal."))
        return None


def _problems(problems: list[Problem], data: dict[str, Any]) -> str:
    """Every problem on its own line, placed on the file's line and field where there is one."""
    lines = data.get("_lines", {})
    path = data.get("_path")
    out = ["Förbundet lades inte upp:"]
    for problem in problems:
        where = FIELDS.get(problem.field, problem.field)
        line = _line_of(problem, data, lines)
        if path and line:
            place = f"{path}, rad {line} ({where})"
        elif where:
            place = where
        else:
            place = ""
        out.append(f"  {place}: {problem.message}" if place else f"  {problem.message}")
    return "\n".join(out)


def _line_of(problem: Problem, data: dict[str, Any], lines: dict[str, int]) -> int | None:
    line = None
    if problem.field == "members":
        # A code's problem sits on that member's line.
        for n, member in enumerate(data.get("members") or []):
            code = str(member.get("code") if isinstance(member, dict) else member).strip()
            if problem.item and code == problem.item and f"members.{n}" in lines:
                line = lines[f"members.{n}"]  # the last one: a code given twice
        if line:
            return line
        return lines.get("members")
    if problem.field.startswith("admin_"):
        return lines.get(problem.field) or lines.get("administrator")
    return lines.get(problem.field)
