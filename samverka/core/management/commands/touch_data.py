"""`samverka touch-data`: after a change made outside Samverka (psql by hand), so that no app
server answers a page kept from before it (core/pagecache.py)."""

from django.core.management.base import BaseCommand

from samverka.core import dataversion


class Command(BaseCommand):
    help = (
        "Markerar att data har ändrats utanför Samverka, så att inga sidor som visats "
        "tidigare visas igen från minnet."
    )

    def handle(self, *args, **options) -> None:
        dataversion.touch()
        self.stdout.write(f"Ny dataversion: {dataversion.token()}")
