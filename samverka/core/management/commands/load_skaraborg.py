from django.core.management.base import BaseCommand

from samverka.core.seeding import load_skaraborg


class Command(BaseCommand):
    help = "Läser in Skaraborgs Kommunalförbund från datafilerna i samverka/seed/skaraborg/."

    def handle(self, *args, **options) -> None:
        ctx = load_skaraborg()
        if not ctx.created and not ctx.updated:
            self.stdout.write("Inget att ändra: allt är redan inläst.")
            return
        for label, count in sorted(ctx.created.items()):
            self.stdout.write(f"Skapade {count} {label}")
        for label, count in sorted(ctx.updated.items()):
            self.stdout.write(f"Uppdaterade {count} {label}")
