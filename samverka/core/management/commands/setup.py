"""`samverka setup`: prepare the database and files for serving (see core/deployment.py)."""

from django.core.management.base import BaseCommand

from samverka.core import deployment


class Command(BaseCommand):
    help = (
        "Förbereder för drift: migrerar databasen, skapar cachetabellen (SAMVERKA_CACHE_TABLE), "
        "samlar in statiska filer (i produktion) och kompilerar översättningarna. Flera "
        "instanser som startar samtidigt turas om."
    )

    def handle(self, *args, **options) -> None:
        deployment.prepare(self.stdout.write)
