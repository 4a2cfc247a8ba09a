from django.core.management.base import BaseCommand, CommandError

from samverka.opendata.publishing import NotAdoptedError, publish_if_missing
from samverka.orgs.federation import period_for_year


class Command(BaseCommand):
    help = (
        "Publicerar ett antaget år som öppna data, om det inte redan är publicerat (för år som "
        "antogs innan öppna data fanns). En befintlig publicering ändras aldrig."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year: int, **options) -> None:
        period = period_for_year(year)
        if period is None:
            raise CommandError(f"Det finns ingen planeringsperiod för {year}.")
        try:
            publication = publish_if_missing(period)
        except NotAdoptedError as exc:
            raise CommandError(str(exc)) from exc
        if publication is None:
            latest = period.publications.order_by("-revision").first()
            self.stdout.write(
                f"{year} är redan publicerat (senaste version {latest.revision}); inget ändrades."
            )
            return
        names = ", ".join(publication.datasets.values_list("key", flat=True))
        self.stdout.write(
            self.style.SUCCESS(f"Publicerade {year} version {publication.revision}: {names}.")
        )
