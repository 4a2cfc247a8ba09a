from django.core.management.base import BaseCommand

from samverka.accounts.access_matrix import markdown


class Command(BaseCommand):
    help = "Print who may open and post to every page, as Markdown (docs/ACCESS.md)."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
