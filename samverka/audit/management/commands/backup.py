from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Säkerhetskopiera hela databasen, ändringsloggen inräknad, till en fil. SQLite kopieras "
        "med SQLites backup-funktion, PostgreSQL som en portabel JSON-fil."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="filen som säkerhetskopian skrivs till")
        parser.add_argument(
            "--format",
            choices=["sqlite", "portable"],
            help="sqlite (standard på SQLite) eller portable (standard på PostgreSQL)",
        )

    def handle(self, *args, file: Path, format: str | None, **options):
        try:
            result = backup(file, format)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{file}: kan inte skrivas ({exc.strerror or exc}).") from exc
        total = sum(result.counts.values())
        if options["verbosity"]:
            self.stdout.write(f"{file}: {total} rader säkerhetskopierade ({result.format}).")
            self.stdout.write(files_not_included())


def files_not_included() -> str:
    """Uploaded files live in the storage, not in the database: say where, every time."""
    from django.core.files.storage import default_storage

    where = getattr(default_storage, "location", None)
    place = f" ({where})" if where else ""
    return (
        f"Bilagor och sparade dokument ligger i fillagringen{place} och ingår inte i "
        "säkerhetskopian: säkerhetskopiera lagringen vid samma tidpunkt."
    )
