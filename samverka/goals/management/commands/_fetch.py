"""What fetch-kolada and fetch-scb share: the years option and a plain-text progress bar."""

import datetime
import sys

from django.core.management.base import CommandError, OutputWrapper

WIDTH = 30


def parse_years(text: str | None, default_span: int = 10) -> list[int]:
    """ "2019-2024", "2023,2024" or nothing (the last `default_span` years)."""
    if not text:
        this_year = datetime.date.today().year
        return list(range(this_year - default_span, this_year + 1))
    years: list[int] = []
    try:
        for part in text.split(","):
            if "-" in part:
                first, last = (int(p) for p in part.split("-", 1))
                years.extend(range(first, last + 1))
            else:
                years.append(int(part))
    except ValueError as exc:
        raise CommandError(
            f"Ogiltiga år: {text!r}. Skriv t.ex. 2019-2024 eller 2023,2024."
        ) from exc
    return sorted(set(years))


class ProgressBar:
    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr

    def __call__(self, done: int, total: int, label: str) -> None:
        total = max(total, 1)
        filled = int(WIDTH * done / total)
        bar = "#" * filled + "-" * (WIDTH - filled)
        end = "\n" if done >= total else ""
        text = f"\r[{bar}] {done}/{total} {label[:30]:<30}{end}"
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")  # it would add a newline to every step
        else:
            self.stream.write(text)
        self.stream.flush()


def report(command, run) -> None:
    command.stdout.write(
        f"{run.get_service_display()}: {run.get_status_display()}, {run.stored} värden sparade."
    )
    if run.message:
        command.stdout.write(run.message)
    if run.status == run.Status.FAILED:
        raise CommandError("Hämtningen misslyckades; se meddelandet ovan.")
