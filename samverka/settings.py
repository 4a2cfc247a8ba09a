"""Samverka settings, all read from the environment.

Development needs no configuration: SQLite in ./data/, DEBUG on, a fixed development secret.
Production sets SAMVERKA_ENV=production, SECRET_KEY (or SECRET_KEY_FILE), ALLOWED_HOSTS and
DATABASE_URL=postgres://….
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from samverka.lib.env import database_from_url, env_bool, env_int, env_secret

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SAMVERKA_DATA_DIR", BASE_DIR.parent / "data"))

ENVIRONMENT = os.environ.get("SAMVERKA_ENV", "development")
if ENVIRONMENT not in ("development", "test", "production"):
    raise ValueError("SAMVERKA_ENV must be development, test or production")
IS_PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", not IS_PRODUCTION)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise RuntimeError("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so that runserver (and `samverka demo`) hands static files to
    # WhiteNoise too: development serves them the same way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "samverka.core",
    "samverka.accounts",
    "samverka.audit",
    "samverka.orgs",
    "samverka.decisions",
    "samverka.budget",
    "samverka.goals",
    "samverka.plan",
    "samverka.portfolio",
    "samverka.ledger",
    "samverka.imports",
    "samverka.reports",
    "samverka.attachments",
    "samverka.api",
    # django-ninja's templates and bundled Swagger files: the API docs load nothing from a CDN.
    "ninja",
    "samverka.opendata",
    "django_tasks",
    "django_tasks_db",
    "samverka.jobs",
    "samverka.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverka.opendata.ratelimit.AnonymousRateLimitMiddleware",
    "samverka.audit.middleware.acting_user_middleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "samverka.accounts.middleware.RoleRequiredMiddleware",
    "samverka.core.middleware.NoFederationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "samverka.urls"
WSGI_APPLICATION = "samverka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverka.accounts.context_processors.capabilities",
                "samverka.core.context_processors.navigation",
                "samverka.core.context_processors.federation",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", DATA_DIR / "samverka.sqlite3"),
            "ATOMIC_REQUESTS": True,
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one
            # failing half-way with "database is locked".
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:overview"
LOGOUT_REDIRECT_URL = "accounts:login"

# Fetch populations from SCB from the member pages ("Hämta från SCB"). Off unless the server
# may reach statistikdatabasen.scb.se; the fetch-scb command works either way.
SCB_ONLINE = env_bool("SCB_ONLINE", False)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
# The catalogues are compiled beside the .po files, or into the data directory when the package
# is read-only (core/translations.py); that spare copy comes first so that it wins when present.
LOCALE_PATHS = [DATA_DIR / "locale", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR.parent / "staticfiles"))
# The layout's stylesheet, its script and htmx belong to no app.
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves what collectstatic wrote: compressed, with hashed names cached for ever.
# Development and tests serve the source files through the finders, so nothing needs collecting.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded attachments and the stored documents of adopted periods go through Django's storage
# API: a folder here by default; several app servers share a network folder or an object store.
MEDIA_ROOT = Path(os.environ.get("SAMVERKA_MEDIA_DIR", DATA_DIR / "media"))
MEDIA_URL = "media/"  # never served directly: every file goes through a view that checks access
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Uploads (samverka.imports.limits): SIE is streamed, so its limit is its size; XLSX and CSV
# are read row by row but held by openpyxl/csv, so they have a size and a row limit.
SAMVERKA_SIE_MAX_BYTES = env_int("SAMVERKA_SIE_MAX_BYTES", 50_000_000)
SAMVERKA_XLSX_MAX_BYTES = env_int("SAMVERKA_XLSX_MAX_BYTES", 5_000_000)
SAMVERKA_IMPORT_MAX_ROWS = env_int("SAMVERKA_IMPORT_MAX_ROWS", 10_000)
SAMVERKA_PENDING_UPLOAD_HOURS = env_int("SAMVERKA_PENDING_UPLOAD_HOURS", 24)
# Attachments (samverka.attachments.files): the largest file taken, in bytes. A proxy in front
# (nginx client_max_body_size) must let a little more than this through.
SAMVERKA_ATTACHMENT_MAX_BYTES = env_int("SAMVERKA_ATTACHMENT_MAX_BYTES", 20_000_000)

# Requests without a login to the open data and the API: at most this many per client and
# window ("120/min"; empty: no limit). The counts are kept in the cache, which several app
# servers must share (SAMVERKA_CACHE_TABLE: the database's, after `samverka createcachetable`).
# X-Forwarded-For names the client only when REMOTE_ADDR is one of the trusted proxies
# (addresses or networks, comma-separated).
SAMVERKA_ANON_RATE = os.environ.get("SAMVERKA_ANON_RATE", "120/min")
SAMVERKA_ANON_RATE_PATHS = ("/oppna-data/", "/api/")
SAMVERKA_TRUSTED_PROXIES = [
    p for p in os.environ.get("SAMVERKA_TRUSTED_PROXIES", "").split(",") if p.strip()
]
if os.environ.get("SAMVERKA_CACHE_TABLE"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": os.environ["SAMVERKA_CACHE_TABLE"],
        }
    }

# Background work (samverka.jobs): "database" queues it in PostgreSQL for `samverka worker`;
# "immediate" runs it at once inside the request (development, tests, a single SQLite server).
# Default: the queue in production on PostgreSQL, immediate everywhere else.
SAMVERKA_TASKS = os.environ.get("SAMVERKA_TASKS") or (
    "database"
    if IS_PRODUCTION and DATABASES["default"]["ENGINE"].endswith("postgresql")
    else "immediate"
)
if SAMVERKA_TASKS not in ("database", "immediate"):
    raise ValueError("SAMVERKA_TASKS must be database or immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if SAMVERKA_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# E-mail (samverka.notifications): SMTP when EMAIL_HOST is set, else printed to the console.
# The tests use Django's in-memory outbox.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samverka@localhost")
# The address links in e-mails start with (no trailing slash), e.g. https://samverka.example.se
SAMVERKA_BASE_URL = os.environ.get("SAMVERKA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# How many days before a follow-up round's deadline or an obligation's due date the daily
# `samverka notify` reminds.
SAMVERKA_REMINDER_DAYS = env_int("SAMVERKA_REMINDER_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
