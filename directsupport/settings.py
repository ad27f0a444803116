"""Settings for Direct Your Support, read from environment variables.

DJANGO_ENV chooses the profile: ``production`` (the default, so a forgotten variable fails
safe), ``development`` (what ``make run`` uses) or ``test``. Every other variable is listed in
README.md under "Running in production".
"""

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

ENV = os.environ.get("DJANGO_ENV", "production")
if ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be production, development or test, not {ENV!r}")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"

DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")


def _secret_key() -> str:
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (50+ random characters) in production.")
    if TESTING:
        return "test-only-secret-key-" + "x" * 40
    # Development: a random key kept under var/ so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "heroicons",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "directsupport.accounts",
    "directsupport.audit",
    "directsupport.people",
    "directsupport.planning",
    "directsupport.week",
    "directsupport.planbook",
    "directsupport.funds",
    "directsupport.market",
    "directsupport.commissioning",
    "directsupport.coproduction",
    "directsupport.retention",
    "directsupport.subject_access",
    "directsupport.resilience",
    "directsupport.reports",
    "directsupport.demo",
]

MIDDLEWARE = [
    "directsupport.lib.server_timing.ServerTimingMiddleware",
    # Before anything that can answer early (CommonMiddleware, WhiteNoise, sign-in redirects),
    # so the public API's preflight and responses carry CORS headers; see CORS_URLS_REGEX.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: private, no-store on everything but the public API and health check.
    "directsupport.accounts.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "directsupport.accounts.middleware.IdleTimeoutMiddleware",
    "directsupport.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "directsupport.audit.middleware.AuditDenialsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must be last: it turns a lockout raised during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "directsupport.urls"
WSGI_APPLICATION = "directsupport.wsgi.application"

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
                "directsupport.accounts.context_processors.navigation",
            ],
            # {% url %} and the heroicon tags, remembering what they made (lib/urls.py).
            "builtins": ["directsupport.lib.templatetags.site_builtins"],
            "libraries": {
                "forms_extra": "directsupport.lib.templatetags.forms_extra",
                "pagination": "directsupport.lib.templatetags.pagination",
                "money": "directsupport.lib.templatetags.money",
                "jinja_parts": "directsupport.lib.templatetags.jinja_parts",
            },
        },
    },
    {
        # Forms (templates/forms/*.jinja) and the few hot page bodies (each app's
        # jinja2/*.jinja), drawn inside Django pages: see lib/jinja_env.py for which and why.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "NAME": "jinja2",
        "OPTIONS": {"environment": "directsupport.lib.jinja_env.environment"},
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default (no set-up needed); PostgreSQL when DATABASE_URL is set.
# Every transaction begins IMMEDIATE (takes the write lock first, so two writers queue rather
# than fail), and a writer waits up to 20 seconds for the lock.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "directsupport.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
# On PostgreSQL the application connects (DATABASE_URL) as a role that may only read and add
# audit rows and ledger entries; DATABASE_OWNER_URL, when set, is the role that owns the tables:
# migrations, `manage.py database_roles` and maintenance that legitimately removes append-only
# rows connect through the "owner" alias. Same database; in tests a mirror of default, so
# pytest-django creates only one test database. See README "PostgreSQL: two roles".
if owner_url := os.environ.get("DATABASE_OWNER_URL"):
    DATABASES["owner"] = dj_database_url.parse(owner_url, conn_max_age=0)
    if DATABASES["owner"]["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_OWNER_URL must name the same kind of database.")
    DATABASES["owner"]["TEST"] = {"MIRROR": "default"}
if TESTING and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than Django's shared-cache memory database, so tests that use real threads
    # (concurrent ledger postings) meet SQLite's own write locking, as the product does. One
    # file per process, so two test runs at once never share a database.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"directsupport-test-{os.getpid()}.sqlite3")
    }
if TESTING and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test database is thrown away: its commits (browser tests, live servers, the concurrency
    # tests) need not wait for the disk. Never set outside tests.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing speed only: the production list is checked by tests/test_production_settings.py.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# NCSC guidance: length and a block-list, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "directsupport.accounts.backends.EmailBackend",
]

# django-axes (accounts/lockout.py says why): an email from one address is locked after 5
# failures, so made-up addresses elsewhere cannot lock the real user out of her own; one address
# is blocked after LOCKOUT_ADDRESS_FAILURE_LIMIT failures across any emails (higher: an office
# shares one address). Both within the cool-off; a manager can unlock an account early.
AXES_FAILURE_LIMIT = 5
LOCKOUT_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOCKOUT_ADDRESS_LIMIT", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_HANDLER = "directsupport.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "directsupport.lib.http.client_ip"
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "directsupport.accounts.views.signin.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# The email tried is kept only as a keyed hash, and masked in axes' copy of the form, so a
# password pasted into the email box is never stored. Who signed in is in our audit log, so
# axes' own sign-in log is off; what remains expires (manage.py expire_sign_in_records).
AXES_USERNAME_CALLABLE = "directsupport.accounts.lockout.username_for_lockout"
AXES_SENSITIVE_PARAMETERS = ["username"]
AXES_DISABLE_ACCESS_LOG = True
SIGN_IN_RECORD_DAYS = 30
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)

OTP_TOTP_ISSUER = "Direct Your Support"

# Sessions: idle timeout with a warning, and a hard limit of one working day counted from sign-in
# however busy the user is (accounts/middleware.py).
SESSION_IDLE_TIMEOUT = int(os.environ.get("DJANGO_SESSION_IDLE_TIMEOUT", 30 * 60))
SESSION_IDLE_WARNING = 2 * 60 + 30
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "directsupport.accounts.views.home.csrf_failure"

# --- Cache: one machine, or shared by every app server (README "Running more than one app
# server") ---------------------------------------------------------------------------------------
# What the cache holds is counted, not just remembered: the "forgotten password" email throttle,
# the counts of repeated refusals (audit/denial_limit.py), the dashboard's "asked already" note
# and the audit chain's "sealing scheduled" note. Without REDIS_URL each process keeps its own
# (one machine, as before); with it every app server and worker shares one Redis, so a throttle
# counts across servers. Sessions, sign-in lockout counts (django-axes) and two-factor throttling
# are in the database already, which every server shares. The test profile always keeps its own:
# the suite clears the cache (Redis: the whole database) and counts throttles by user id, which
# two test processes sharing one Redis would mix up (tests/multiserver tests the switch itself).
REDIS_URL = "" if TESTING else os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or unix:// URL.")
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "dys"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Drawn fragments (the relationship circle's SVG) are kept apart, in each process: they are keyed
# by everything drawn in them, so they are never out of date on any server, and there are many
# (one a person), which in the default cache (300 entries in a process) would push out the
# throttle counts above. About 10 KB each: 3,000 are about 30 MB a process.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 3000},
}

# --- HTTPS and headers ----------------------------------------------------------------------
HTTPS = env_bool("DJANGO_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours stand in front of the app: the client's address is that many entries
# from the right of X-Forwarded-For (lib/http.py client_ip, used by lockout, audit, throttles).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXIES", 1 if BEHIND_PROXY else 0))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXIES must be 0 or more.")

# No inline scripts or styles anywhere: every script and stylesheet is a file we ship.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The public Open Referral UK API may be read from any web page (the profile's directories are
# open data); no other address sends CORS headers, and no credentials are ever allowed.
CORS_URLS_REGEX = r"^/openreferral(/.*)?$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    # Uploaded photos and documents: never under a public URL, served by access-checked views.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MAX_PHOTO_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_PHOTO_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_PHOTO_BYTES + 1024 * 1024

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@directyoursupport.local")
if PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
elif TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Background work ------------------------------------------------------------------------
# One task interface: a database-backed worker (`manage.py db_worker`, which `make run` starts
# beside the web server) in production and development, so long jobs such as a batch of Plan Book
# PDFs never hold up a page; tests run tasks immediately, inside the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

FORM_RENDERER = "directsupport.lib.forms.GovukFormRenderer"
