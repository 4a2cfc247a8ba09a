from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Återställ databasen från en säkerhetskopia, allt eller inget. Vägrar en databas som "
        "redan innehåller uppgifter om inte --force anges."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="säkerhetskopian som ska läsas in")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ersätt allt som finns i databasen med säkerhetskopian",
        )

    def handle(self, *args, file: Path, force: bool, **options):
        try:
            result = restore(file, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(result.counts.values())
        if options["verbosity"]:
            self.stdout.write(f"{file}: {total} rader återställda ({result.format}).")
            self.stdout.write(
                "Fillagringen (bilagor, sparade dokument) återställs för sig, från samma "
                "tidpunkt; samverka check-attachments visar om filerna stämmer med databasen."
            )
