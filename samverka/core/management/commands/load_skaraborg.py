from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from samverka.core.seeding import SeedError, load_skaraborg


class Command(BaseCommand):
    help = (
        "Läser in Skaraborgs Kommunalförbund från datafilerna i samverka/seed/skaraborg/. "
        "Skapar det som saknas och skriver aldrig över: det som skiljer sig från källan "
        "redovisas."
    )

    def handle(self, *args, **options) -> None:
        try:
            ctx = load_skaraborg()
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        for label, count in sorted(ctx.created.items()):
            name = apps.get_model(label)._meta.verbose_name_plural
            self.stdout.write(f"Skapade {count} {name}")
        if ctx.findings:
            self.stdout.write(
                f"{len(ctx.findings)} skillnader mot källan. Databasens värden behölls:"
            )
            for finding in ctx.findings:
                self.stdout.write(f"- {finding.message}")
        if not ctx.created and not ctx.findings:
            self.stdout.write("Inget att ändra: allt är redan inläst och stämmer med källan.")
