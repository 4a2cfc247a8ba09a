"""samverka prune-jobs: delete old background jobs and task results (jobs/pruning.py)."""

from django.core.management.base import BaseCommand, CommandError

from samverka.jobs import pruning


def _days(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise CommandError(f"Antalet dagar ska vara ett heltal från 1, inte {text!r}.")
    return int(text)


class Command(BaseCommand):
    help = (
        "Tar bort bakgrundsjobb (med deras byggda filer) och köns resultat som blev klara för "
        "mer än --older-than dagar sedan; misslyckade sparas längre, --failed-older-than dagar. "
        "Köade och pågående jobb tas aldrig bort. Kan köras hur ofta som helst."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=_days,
            default=pruning.FINISHED_DAYS,
            metavar="DAGAR",
            help="Klara jobb äldre än så många dagar tas bort (standard %(default)s).",
        )
        parser.add_argument(
            "--failed-older-than",
            type=_days,
            metavar="DAGAR",
            help="Misslyckade jobb äldre än så många dagar tas bort (standard: tre gånger "
            "--older-than).",
        )

    def handle(self, *args, older_than: int, failed_older_than: int | None, **options) -> None:
        if failed_older_than is not None and failed_older_than < older_than:
            raise CommandError(
                "--failed-older-than får inte vara kortare än --older-than: "
                "ett misslyckat jobb sparas minst lika länge som ett klart."
            )
        pruned = pruning.prune(older_than, failed_older_than)
        self.stdout.write(
            f"{pruned.jobs} bakgrundsjobb ({pruned.files} filer) och "
            f"{pruned.task_results} resultat i kön togs bort."
        )
