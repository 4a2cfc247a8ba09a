from django.core.management.base import BaseCommand

from samverka.goals.fetching import fetch_kolada
from samverka.goals.kolada import BASE_URL, KoladaClient
from samverka.goals.management.commands._fetch import ProgressBar, parse_years, report


class Command(BaseCommand):
    help = "Hämta indikatorernas värden för medlemskommunerna från Kolada (API v3)."

    def add_arguments(self, parser):
        parser.add_argument("--years", help="T.ex. 2019-2024 eller 2023,2024 (standard: 10 år).")
        parser.add_argument("--base-url", default=BASE_URL)
        parser.add_argument("--timeout", type=float, default=20.0)

    def handle(self, *args, **options):
        client = KoladaClient(options["base_url"], timeout=options["timeout"])
        try:
            run = fetch_kolada(
                client, parse_years(options["years"]), progress=ProgressBar(self.stderr)
            )
        finally:
            client.close()
        report(self, run)
