from django.core.management.base import BaseCommand, CommandError

from samverka.attachments import checking


class Command(BaseCommand):
    help = (
        "Kontrollera att varje bilaga har sin fil i lagringen (storlek, med --sha256 även "
        "kontrollsumma) och lista filer som ingen bilaga hänvisar till. Kör efter en "
        "återställning."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sha256", action="store_true", help="läs varje fil och jämför kontrollsumman"
        )
        parser.add_argument(
            "--delete-orphans",
            action="store_true",
            help="ta bort filer som ingen bilaga hänvisar till (äldre än en timme)",
        )

    def handle(self, *args, sha256: bool, delete_orphans: bool, **options):
        report = checking.check(verify_hashes=sha256)
        for attachment in report.missing:
            self.stderr.write(
                f"Saknas: {attachment.original_name} ({attachment.file.name}), "
                f"{attachment.target or '–'}"
            )
        for attachment in report.damaged:
            self.stderr.write(
                f"Avviker från uppladdningen: {attachment.original_name} "
                f"({attachment.file.name}), {attachment.target or '–'}"
            )
        for name in report.orphans:
            self.stdout.write(f"Ingen bilaga hänvisar till: {name}")
        if delete_orphans and report.orphans:
            deleted = checking.delete_orphans(report.orphans)
            self.stdout.write(f"{len(deleted)} filer utan bilaga togs bort.")
        if not report.ok:
            raise CommandError(
                f"{len(report.missing)} av {report.checked} bilagor saknar fil och "
                f"{len(report.damaged)} avviker. Återställ lagringen från samma tidpunkt "
                "som databasen."
            )
        if options["verbosity"]:
            self.stdout.write(f"{report.checked} bilagor har sina filer.")
