"""samverka purge-uploads: delete pending uploads older than SAMVERKA_PENDING_UPLOAD_HOURS."""

from django.core.management.base import BaseCommand

from samverka.imports.pending import purge_expired


class Command(BaseCommand):
    help = (
        "Tar bort väntande uppladdningar som är äldre än SAMVERKA_PENDING_UPLOAD_HOURS "
        "(standard 24 timmar). Kan köras hur ofta som helst."
    )

    def handle(self, *args, **options) -> None:
        deleted = purge_expired()
        self.stdout.write(f"{deleted} väntande uppladdningar togs bort.")
