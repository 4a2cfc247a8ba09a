"""Read settings from the environment: three small parsers, no framework."""

import os
from urllib.parse import unquote, urlparse


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value not in ("True", "False"):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value == "True"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value is None else int(value)


def env_secret(name: str, default: str | None = None) -> str | None:
    """A secret from NAME, or from the file that NAME_FILE points to (container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    return os.environ.get(name, default)


def database_from_url(url: str) -> dict:
    """A Django DATABASES entry from postgres://user:pass@host:port/name?options."""
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"DATABASE_URL must start with postgres://, got {parsed.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
        "ATOMIC_REQUESTS": True,
        "TEST": {"NAME": f"test_{unquote(parsed.path.lstrip('/'))}"},
    }
