"""The `samverka` command: Django's manage.py under the project's name.

Commands may be written with hyphens, as in `samverka load-skaraborg`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    chosen_settings = any(arg.startswith("--settings") for arg in argv)
    problem = None if chosen_settings else configuration_problem()
    if problem:
        # A missing secret or a malformed variable is the operator's to fix, not a traceback.
        print(f"samverka: fel i inställningarna: {problem}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


def configuration_problem() -> str | None:
    """The error the settings module raises when the environment is wrong, or None."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - imports the settings module
    except (ImproperlyConfigured, RuntimeError, ValueError) as error:
        return str(error)
    return None


if __name__ == "__main__":
    sys.exit(main())
