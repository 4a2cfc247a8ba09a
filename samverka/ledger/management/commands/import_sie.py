"""samverka import-sie FILE [--year Y] [--replace] [--check]"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.audit.context import acting_as
from samverka.ledger import importing
from samverka.ledger.sie import SieError, SieFile
from samverka.lib.money import format_number


class Progress:
    """Text progress on stderr, fed by the reader's on_progress(lines, bytes)."""

    def __init__(self, total_bytes: int, stream) -> None:
        self.total = max(total_bytes, 1)
        self.stream = stream
        self.started = time.monotonic()

    def __call__(self, lines: int, done: int) -> None:
        share = min(done / self.total, 1.0)
        bar = "#" * int(share * 30)
        text = (
            f"\r[{bar:<30}] {share:4.0%}  {lines:>10,} rader  "
            f"{time.monotonic() - self.started:5.1f} s".replace(",", " ")
        )
        self.stream.write(text + ("\n" if done >= self.total else ""), ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Läser in utfall från en SIE-fil (typ 1–4) i en planeringsperiod. Samma fil igen "
        "ändrar ingenting; en ny fil för samma period ersätter den gamla med --replace. "
        "--check läser och kontrollerar filen utan att läsa in något."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="SIE-filen")
        parser.add_argument("--year", type=int, help="periodens år (standard: filens år)")
        parser.add_argument(
            "--replace", action="store_true", help="ersätt periodens tidigare utfall"
        )
        parser.add_argument(
            "--check", action="store_true", help="kontrollera filen, läs inte in något"
        )
        parser.add_argument("--no-progress", action="store_true", help="ingen förloppsindikator")

    def handle(self, *args, file: Path, year, replace, check, no_progress, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: filen finns inte.")
        progress = None if no_progress else Progress(file.stat().st_size, self.stderr)
        if check:
            self._check(file, progress)
            return
        try:
            with acting_as(None, "system: import-sie"):
                result = importing.import_sie(
                    file, year=year, replace=replace, on_progress=progress
                )
        except SieError as exc:
            raise CommandError(importing.describe_error(exc, file.name)) from exc
        except importing.ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        for message in result.messages:
            self.stdout.write(message)
        if result.status == "needs_confirmation":
            raise CommandError(
                "Inget lästes in. Kör igen med --replace för att ersätta "
                f"{result.replaced.file_name}."
            )
        if result.status == "imported":
            self._summary(result.batch)

    def _check(self, file: Path, progress) -> None:
        try:
            sie = importing.check_file(file, on_progress=progress)
        except SieError as exc:
            raise CommandError(f"{file.name}, rad {exc.line}: {exc.reason}") from exc
        self.stdout.write(self._describe(file, sie))

    def _describe(self, file: Path, sie: SieFile) -> str:
        lines = [
            f"Fil:           {file.name}",
            f"Program:       {sie.program} {sie.program_version}".rstrip(),
            f"Företag:       {sie.company_name}",
            f"SIE-typ:       {sie.sie_variant}",
            f"Teckenkodning: {sie.encoding} ({sie.encoding_reason})",
            f"Verifikationer: {sie.counts.get('VER', 0)}",
            f"Transaktionsrader: {sie.counts.get('TRANS', 0)}",
        ]
        for index, fy in sorted(sie.fiscal_years.items(), reverse=True):
            lines.append(f"Räkenskapsår {index}: {fy.start} – {fy.end}")
        lines.append(f"Kontroller utan anmärkning: {', '.join(sie.checks_passed) or 'inga'}")
        lines.append(f"Iakttagelser: {len(sie.findings) + sie.findings_dropped}")
        for f in sie.findings[:50]:
            where = f"rad {f.line}: " if f.line else ""
            lines.append(f"  [{f.severity}] {where}{f.message}")
        return "\n".join(lines)

    def _summary(self, batch) -> None:
        t = batch.totals
        self.stdout.write(
            f"Inläst summa {format_number(_d(t.get('imported')), 2)} kr, "
            f"varav ej mappat {format_number(_d(t.get('unmapped')), 2)} kr "
            "(intäkter +, kostnader −)."
        )
        for f in batch.findings[:20]:
            self.stdout.write(f"  [{f['severity']}] {f['message']}")


def _d(value):
    from decimal import Decimal

    return Decimal(value or 0)
