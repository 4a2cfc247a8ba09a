"""Helpers for the tests of production's settings: run Django in a fresh process with
production's environment. Not a test module."""

import json
import os
import secrets
import subprocess
import sys

from samverka.core.tests._browser import REPOSITORY


def _environment(tmp_path, **overrides) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKA_", "SECURE_", "SESSION_", "CSRF_", "AXES_"))
        and k
        not in (
            "DEBUG",
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            # the browser tests set it for Playwright's event loop; never set in production
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env.update(
        SAMVERKA_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="samverka.example.se",
        SAMVERKA_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="samverka.settings",
    )
    env.update(overrides)
    return env


def deploy_check(tmp_path, **overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPOSITORY,
        env=_environment(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_in(tmp_path, names, **overrides) -> dict:
    """The named settings as a fresh process with this environment reads them."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}, "
        "default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPOSITORY,
        env=_environment(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
