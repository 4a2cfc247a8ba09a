"""Samverka settings, all read from the environment.

Development needs no configuration: SQLite in ./data/, DEBUG on, a fixed development secret.
Production sets SAMVERKA_ENV=production, SECRET_KEY (or SECRET_KEY_FILE), ALLOWED_HOSTS and
DATABASE_URL=postgres://….
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

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
    "samverka.economy",
    "samverka.imports",
    "samverka.reports",
    "samverka.cycle",
    "samverka.attachments",
    "samverka.api",
    # django-ninja's templates and bundled Swagger files: the API docs load nothing from a CDN.
    "ninja",
    "samverka.opendata",
    # Failed logins counted in the database (login throttling, accounts/lockout.py).
    "axes",
    "django_tasks",
    "django_tasks_db",
    "samverka.jobs",
    "samverka.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "samverka.core.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the session timeout, which tells the logged-out user why.
    "django.contrib.messages.middleware.MessageMiddleware",
    "samverka.accounts.middleware.SessionTimeoutMiddleware",
    "samverka.opendata.ratelimit.AnonymousRateLimitMiddleware",
    "samverka.audit.middleware.acting_user_middleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "samverka.accounts.middleware.RoleRequiredMiddleware",
    "samverka.core.middleware.NoFederationMiddleware",
    # After every check above: a kept page is answered only to who passed them.
    "samverka.core.pagecache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "samverka.core.pagecache.csrf_placeholder",
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

# Argon2id (argon2-cffi) for every new or changed password. The others only verify stored
# hashes of older installations; a user whose hash is one of them gets an Argon2 hash at the
# next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Length is what makes a password strong: at least 12 characters, not like the user's name or
# e-mail, not one of the 20 000 most common, not only digits. Django's messages are Swedish.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes, docs/SECURITY.md): after SAMVERKA_LOGIN_FAILURE_LIMIT failed
# logins for one user name from one address, that pair is refused for the cool-off, even with
# the right password. The pair, not the name alone: one attacker cannot lock a user out from
# everywhere by guessing at the name, and not the address alone: users behind one municipal
# network address do not lock each other out. The counts are in the database, so every app
# server shares them. The address is the rate limit's (X-Forwarded-For only from
# SAMVERKA_TRUSTED_PROXIES). An administrator unlocks on the user's page.
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Answers only the OpenID Connect callback, and only when OIDC_RP_CLIENT_ID is set.
    "samverka.accounts.sso.SamverkaOIDCBackend",
]
AXES_ENABLED = env_bool("SAMVERKA_LOGIN_THROTTLING", True)
AXES_FAILURE_LIMIT = env_int("SAMVERKA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SAMVERKA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "samverka.opendata.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "samverka.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
# Successful logins are not stored with their addresses (Django keeps last_login).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Sessions (accounts/middleware.py): a login lasts at most SAMVERKA_SESSION_HOURS (a working
# day), and ends after SAMVERKA_IDLE_MINUTES without a request (0: no idle limit); with
# SAMVERKA_SESSION_EXPIRE_AT_BROWSER_CLOSE the cookie also goes when the browser closes.
SESSION_COOKIE_AGE = env_int("SAMVERKA_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SAMVERKA_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
SAMVERKA_IDLE_MINUTES = env_int("SAMVERKA_IDLE_MINUTES", 60)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:overview"
LOGOUT_REDIRECT_URL = "accounts:login"

# Fetch populations from SCB from the member pages ("Hämta från SCB"). Off unless the server
# may reach statistikdatabasen.scb.se; the fetch-scb command works either way.
SCB_ONLINE = env_bool("SCB_ONLINE", False)
# The first-run page /kom-igang/ sets up a federation on an empty database only for someone who
# knows this token; unset, the page is closed and `samverka init` is the way (README).
SETUP_TOKEN = env_secret("SAMVERKA_SETUP_TOKEN", "") or ""

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
# Source maps (the API docs' scripts bring 5 MB) are fetched only by developer tools: kept, but
# not compressed, which would double the time `samverka setup` spends collecting.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION

# HTTPS (docs/SECURITY.md). Production redirects http:// to https:// and sends HSTS; the
# cookies travel over HTTPS only. Behind a proxy that ends TLS, the app sees plain HTTP: set
# SAMVERKA_BEHIND_TLS_PROXY=True so that X-Forwarded-Proto: https counts as HTTPS (otherwise
# every request is redirected, for ever). Only behind such a proxy, which must set the header
# itself and drop a client's own: anywhere else a client could claim HTTPS with the header.
if env_bool("SAMVERKA_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", IS_PRODUCTION)
# The health check answers a load balancer's plain-HTTP probe instead of redirecting it.
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if IS_PRODUCTION else 0)
# HSTS set by samverka.example.se covers its own subdomains only, never example.se's others.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is the owner's decision for the whole registrable domain (hstspreload.org), so it
# is off unless asked for; check --deploy's reminder about it is silenced while it is off.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Sessions live in the database, so any app server behind the proxy knows every login (and a
# restart logs nobody out). Explicit, because a cache or file backend would tie a login to one
# server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", IS_PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", IS_PRODUCTION)
# Lax: a link from an e-mail or another site opens the page logged in; a form posted from
# another site arrives without the session.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: htmx sends the token from <body hx-headers>, forms from
# {% csrf_token %}, the API docs from their data-csrf-token attribute.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp), enforced in every environment so that a page that
# breaks it breaks in development and in the browser tests first. Nothing inline: no <script>
# without src, no style= or <style>. data: images: the layout's empty favicon ("data:,") and the
# API docs' icons (swagger-ui.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

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
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The main pages, per user until the data changes (samverka/core/pagecache.py): each app
    # server keeps its own, in memory, compressed (2–30 kB a page), at most this many.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "samverka-pages",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": env_int("SAMVERKA_PAGE_CACHE_ENTRIES", 2000)},
    },
}
if os.environ.get("SAMVERKA_CACHE_TABLE"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ["SAMVERKA_CACHE_TABLE"],
    }
    # With several app servers, a page one of them rendered is shared with the others through
    # a table of its own (`samverka setup` creates it), so each page is rendered once, not once
    # per worker. Each server still answers from its own memory first.
    CACHES["shared_pages"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ["SAMVERKA_CACHE_TABLE"] + "_pages",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": env_int("SAMVERKA_PAGE_CACHE_ENTRIES", 2000) * 5},
    }
# Off in development, where a template changes without a restart.
SAMVERKA_PAGE_CACHE = env_bool("SAMVERKA_PAGE_CACHE", not DEBUG)

# Single sign-on with OpenID Connect (docs/SSO.md), through mozilla-django-oidc. Off unless
# OIDC_RP_CLIENT_ID is set; then the login page offers "Logga in med <provider>" beside the
# password form, and samverka.accounts.sso maps the provider's groups to roles.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
# When set, an id_token from another issuer is refused (the audience is always checked).
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "accounts:sso_refused"
SAMVERKA_OIDC_PROVIDER_NAME = os.environ.get("SAMVERKA_OIDC_PROVIDER_NAME", "")
SAMVERKA_OIDC_ROLES_CLAIM = os.environ.get("SAMVERKA_OIDC_ROLES_CLAIM", "groups")
# "group=role,…" with the roles admin, controller, project_manager, reader.
SAMVERKA_OIDC_ROLE_MAP = os.environ.get("SAMVERKA_OIDC_ROLE_MAP", "")
# A group named <prefix><unit code> makes its members unit managers of that unit.
SAMVERKA_OIDC_UNIT_MANAGER_PREFIX = os.environ.get(
    "SAMVERKA_OIDC_UNIT_MANAGER_PREFIX", "samverka-enhetschef-"
)
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
    # Fast and worthless: only for test databases (conftest.py does the same for pytest).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    AXES_ENABLED = False  # the test client logs in without a request (conftest.py too)
