"""samverka report plan YEAR --format pdf|docx|html [-o FILE]
samverka report follow-up DATE --format pdf|docx [-o FILE]"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.orgs.federation import period_for_year
from samverka.orgs.models import PlanningPeriod
from samverka.reports import builders, outputs, versions


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"”{text}” är inget datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-03-31."
        ) from None


def _period(year: int) -> PlanningPeriod:
    period = period_for_year(year)
    if period is None:
        raise CommandError(f"Det finns ingen planeringsperiod för {year}.")
    return period


class Command(BaseCommand):
    help = (
        "Skapar ett dokument: budget och verksamhetsplan för ett år (plan) eller direktionens "
        "uppföljningsrapport per ett datum (follow-up), som PDF, Word eller HTML. En antagen "
        "plan skrivs ut som den sparades när beslutet registrerades."
    )

    def add_arguments(self, parser) -> None:
        documents = parser.add_subparsers(dest="document", required=True, metavar="DOKUMENT")
        plan = documents.add_parser("plan", help="budget och verksamhetsplan för ett år")
        plan.add_argument("year", type=int, help="planeringsår, t.ex. 2026")
        plan.add_argument("--format", choices=["pdf", "docx", "html"], default="pdf")
        plan.add_argument("-o", "--output", type=Path, help="filen att skriva (standard: namnet)")
        follow_up = documents.add_parser("follow-up", help="uppföljningsrapport per ett datum")
        follow_up.add_argument("date", help="uppföljningsdatum, ÅÅÅÅ-MM-DD")
        follow_up.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        follow_up.add_argument("-o", "--output", type=Path, help="filen att skriva")

    def handle(self, *args, document: str, format: str, output: Path | None, **options) -> None:
        if document == "plan":
            period = _period(options["year"])
            found = versions.plan_file(period, format)
            rendered = found.rendered
            note = f" (sparad vid beslutet {found.version.decision})" if found.version else ""
        else:
            on = _date(options["date"])
            period = _period(on.year)
            rendered = outputs.render(builders.follow_up(period, on), format)
            note = ""
        path = output or Path(rendered.filename)
        try:
            path.write_bytes(rendered.content)
        except OSError as exc:
            raise CommandError(f"{path}: kunde inte skriva filen ({exc.strerror}).") from None
        self.stdout.write(f"Skrev {path} ({len(rendered.content)} byte){note}.")
