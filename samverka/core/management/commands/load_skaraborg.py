from django.apps import apps
from django.core.management.base import BaseCommand

from samverka.core.seeding import load_skaraborg


class Command(BaseCommand):
    help = "Läser in Skaraborgs Kommunalförbund från datafilerna i samverka/seed/skaraborg/."

    def handle(self, *args, **options) -> None:
        ctx = load_skaraborg()
        if not ctx.created and not ctx.updated:
            self.stdout.write("Inget att ändra: allt är redan inläst.")
            return
        for verb, counts in (("Skapade", ctx.created), ("Uppdaterade", ctx.updated)):
            for label, count in sorted(counts.items()):
                name = apps.get_model(label)._meta.verbose_name_plural
                self.stdout.write(f"{verb} {count} {name}")
