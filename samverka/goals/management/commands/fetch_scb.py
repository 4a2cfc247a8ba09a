from django.core.management.base import BaseCommand

from samverka.goals.fetching import fetch_scb
from samverka.goals.management.commands._fetch import ProgressBar, parse_years, report
from samverka.goals.scb import ScbClient


class Command(BaseCommand):
    help = (
        "Hämta folkmängd per medlemskommun och indikatorer med källan SCB från SCB:s "
        "statistikdatabas (PxWeb)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", help="T.ex. 2019-2024 eller 2023,2024 (standard: 10 år).")
        parser.add_argument("--timeout", type=float, default=20.0)

    def handle(self, *args, **options):
        client = ScbClient(timeout=options["timeout"])
        try:
            run = fetch_scb(
                client, parse_years(options["years"]), progress=ProgressBar(self.stderr)
            )
        finally:
            client.close()
        report(self, run)
