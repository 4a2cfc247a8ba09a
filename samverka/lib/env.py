"""Read settings from the environment: three small parsers, no framework."""

import os
from urllib.parse import parse_qs, unquote, urlparse


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
    """A Django DATABASES entry from postgres://user:pass@host:port/name?options.

    Options: conn_max_age (seconds a connection is kept for the next request; 0 closes it after
    each request; default 60), conn_health_checks (true/false: test a kept connection before
    its next request, so a restarted PostgreSQL costs no failed request; default true), and
    sslmode, passed on to libpq.
    """
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"DATABASE_URL must start with postgres://, got {parsed.scheme!r}")
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    unknown = set(query) - {"conn_max_age", "conn_health_checks", "sslmode"}
    if unknown:
        raise ValueError(f"DATABASE_URL has unknown options: {', '.join(sorted(unknown))}")
    try:
        conn_max_age = int(query.get("conn_max_age", "60"))
    except ValueError:
        raise ValueError("DATABASE_URL's conn_max_age must be whole seconds") from None
    health_checks = query.get("conn_health_checks", "true").lower()
    if health_checks not in ("true", "false"):
        raise ValueError("DATABASE_URL's conn_health_checks must be true or false")
    options = {"sslmode": query["sslmode"]} if "sslmode" in query else {}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": health_checks == "true",
        "OPTIONS": options,
        "ATOMIC_REQUESTS": True,
        "TEST": {"NAME": f"test_{unquote(parsed.path.lstrip('/'))}"},
    }
