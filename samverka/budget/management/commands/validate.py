from django.core.management.base import BaseCommand, CommandError

from samverka.budget import validation
from samverka.lib.findings import Severity
from samverka.orgs.federation import period_for_year


class Command(BaseCommand):
    help = "Kontrollerar budgeten för ett år och listar avvikelserna; avslutas med fel vid fel."

    def add_arguments(self, parser) -> None:
        parser.add_argument("year", type=int, help="budgetår, t.ex. 2026")

    def handle(self, *args, year: int, **options) -> None:
        period = period_for_year(year)
        if period is None:
            raise CommandError(f"Det finns ingen planeringsperiod för {year}.")
        findings = validation.run(period)
        for f in findings:
            self.stdout.write(f"[{f.severity.label}] {f.message}")
        errors = sum(1 for f in findings if f.severity == Severity.ERROR)
        warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
        self.stdout.write(
            f"{year}: {len(findings)} iakttagelser, varav {errors} fel och {warnings} varningar."
        )
        if errors:
            raise CommandError(f"Budgeten för {year} har {errors} fel.")
