import time

from django.core.management.base import BaseCommand, CommandError

from samverka.core.scale import NotEmptyError, generate


class Command(BaseCommand):
    help = (
        "Skapar ett syntetiskt förbund FACTOR gånger exempelförbundet i en tom databas, för att "
        "mäta prestanda: medlemmar, enheter, projekt, aktiviteter, mätvärden, budgetar i fem år "
        "(tre av dem antagna) och 100 000 utfallsrader per faktor."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--factor", type=int, default=10)
        parser.add_argument(
            "--full-plan",
            action="store_true",
            help="Bygg hela planen som PDF, Word och HTML när de tidigare åren antas (långsamt).",
        )

    def handle(self, *args, factor: int, full_plan: bool, **options) -> None:
        if factor < 1:
            raise CommandError("--factor ska vara minst 1.")
        started = time.perf_counter()

        def say(text: str) -> None:
            self.stdout.write(f"{time.perf_counter() - started:6.1f} s  {text}")

        try:
            counts = generate(factor, short_plan=not full_plan, say=say)
        except NotEmptyError as exc:
            raise CommandError(
                "Databasen innehåller redan ett förbund. generate-scale skriver bara i en tom "
                "databas (samverka migrate på en ny databas först)."
            ) from exc
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
