"""The one settings module: every value that differs between machines comes from the environment.

See README.md, "Configuration", for the variables.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from hankehallinta.deployment_settings import cache_settings, s3_storage_options

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    HTTPS=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    SESSION_IDLE_SECONDS=(int, 30 * 60),
    ORGANISATION_NAME=(str, "Pohjois-Karjalan hyvinvointialue"),
    PDF_PLACE=(str, "Joensuu"),
    TRUSTED_PROXIES=(list, []),
)
environ.Env.read_env(BASE_DIR / ".env")

DEBUG: bool = env("DEBUG")
# With DEBUG off a secret key must be given; make run writes one into the git-ignored .env.
SECRET_KEY: str = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="insecure-local-debug-key")
ALLOWED_HOSTS: list[str] = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS: list[str] = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "pgtrigger",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background tasks (docs/background-tasks.md): the task framework and its database queue.
    "django_tasks",
    "django_tasks_db",
    # Loads each app's rules.py, where it registers its named permissions.
    "rules.apps.AutodiscoverRulesConfig",
    # The open-data API (opendata/api/): read-only JSON, its OpenAPI schema, CORS for GET on /api/.
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "hankehallinta",
    "projects",
    "budgets",
    "followup",
    "decisions",
    "opendata",
    "portal",
]

MIDDLEWARE = [
    # First: /healthz and /readyz for the load balancer, before sessions, host checks and redirects.
    "hankehallinta.health.HealthCheckMiddleware",
    # Outermost, so that every response gets their headers: error pages, 405s, the https redirect.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "hankehallinta.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hankehallinta.middleware.AllowedMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS headers for /api/ only (CORS_URLS_REGEX), before CommonMiddleware as the library asks.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the archive URL's prefix, else the language cookie, else the browser's (README.md, "Languages").
    "hankehallinta.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hankehallinta.accounts.SessionTimeoutMiddleware",
    "hankehallinta.accounts.RequireTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a locked-out sign-in into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hankehallinta.urls"
WSGI_APPLICATION = "hankehallinta.wsgi.application"

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
                "hankehallinta.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Time limits (README.md, "Configuration"): a database that accepts connections but does not answer,
# or a query that hangs, ends in the Finnish 503 within seconds instead of holding the request until
# the proxy gives up (usually after 30–60 s). 0 turns a limit off (e.g. for a long migration).
DATABASE_CONNECT_TIMEOUT: int = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_STATEMENT_TIMEOUT: int = env.int("DATABASE_STATEMENT_TIMEOUT", default=20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASE_CONNECT_TIMEOUT:
        _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _options["options"] = " ".join(
        filter(None, [_options.get("options", ""), f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"])
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses locked-out sign-ins before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fi"
# Each language is named in itself in the language switch ("svenska" to a Finnish reader too), so
# the labels are not translated.
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
# The choice is remembered for a year (the signed-in user's choice also in their profile).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# Finnish forms: "31.12.2025" and "31.12.2025 14:00" (also "14.00"; ISO as a fallback). Django's own
# Finnish formats would win over these settings, so hankehallinta/formats/fi/ hands them to it.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H.%M.%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
FORMAT_MODULE_PATH = ["hankehallinta.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT"))
# The largest attachment that can be uploaded, in bytes (README.md, "Configuration"); default 25 MB.
ATTACHMENT_MAX_BYTES: int = env.int("ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
# Limits on what one form may hold, so that no page or PDF has unbounded layout work (README.md,
# "Configuration"): characters in one long text field, rows in one table of the application editor.
TEXT_MAX_LENGTH: int = env.int("TEXT_MAX_LENGTH", default=100_000)
TABLE_MAX_ROWS: int = env.int("TABLE_MAX_ROWS", default=200)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Stored files (attachments, issued PDFs) go through Django's storage API: the local disk under
# MEDIA_ROOT by default; STORAGE_BACKEND=s3 puts them in an S3-compatible object store shared by every
# app server (docs/deployment.md, "Object storage"). Private: no public ACL, signed URLs only; the app
# reads every object itself behind its permission-checked views.
STORAGE_BACKEND: str = env.str("STORAGE_BACKEND", default="local")
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(env)}
elif STORAGE_BACKEND != "local":
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be 'local' or 's3', not {STORAGE_BACKEND!r}")
# Static files are served by the app itself (whitenoise), with DEBUG off too, without collectstatic
# in development.
WHITENOISE_USE_FINDERS = True
# Until collectstatic has run, STATIC_ROOT does not exist; the finders serve everything meanwhile.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_AGE = env("SESSION_IDLE_SECONDS")
# Sessions stay in the database (sign-out and deactivation end them on every server at once). Not
# saved on every request: SessionTimeoutMiddleware renews the idle timeout at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content security policy (django-csp 4): the app's own scripts, styles, images and fonts only; no
# inline scripts or styles anywhere (README.md, "Security and operations"). Tested in a browser:
# tests/browser/test_content_security_policy.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for the small SVG icons inside Bootstrap's CSS (menu button, select arrow, check marks).
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Permissions-Policy, TRACE and other methods -> 405, no-store: hankehallinta/middleware.py.

# The one switch for https-only deployment: plain-http local runs and tests leave it off.
HTTPS: bool = env("HTTPS")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Sign-in (README.md, "Sign-in and two-factor authentication").
# Accounts that can write must verify a TOTP code after the password; on by default under HTTPS.
REQUIRE_2FA: bool = env.bool("REQUIRE_2FA", default=HTTPS)
OTP_TOTP_ISSUER = "Hankehallinta"
# Not even admins see a device's secret or QR code: they could copy someone's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A session ends after SESSION_IDLE_SECONDS without requests, and in any case this long after sign-in.
SESSION_ABSOLUTE_SECONDS: int = env.int("SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
# Lockout: 5 failed sign-ins for one username from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
# The Finnish lockout page, status 429 (templates/accounts/locked_out.html).
AXES_LOCKOUT_CALLABLE = "hankehallinta.accounts.locked_out"
# The address the audit log believes (X-Forwarded-For only from TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "hankehallinta.audit.source_address"
# The audit log records sign-ins; axes keeps only its failure counters, without tokens.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "csrfmiddlewaretoken"]

ORGANISATION_NAME: str = env("ORGANISATION_NAME")
# Addresses of reverse proxies whose X-Forwarded-For the audit log believes.
TRUSTED_PROXIES: list[str] = env("TRUSTED_PROXIES")
PDF_PLACE: str = env("PDF_PLACE")
# The accessibility statement (/accessibility/, hankehallinta/accessibility.py): the day of the last
# assessment and of the statement's last update (ISO dates), the supervisory authority's contacts
# (Traficom's digital accessibility supervision unit since 2025), and how many feedback messages one
# address may send in an hour.
ACCESSIBILITY_ASSESSED_ON = dt.date.fromisoformat(env.str("ACCESSIBILITY_ASSESSED_ON", default="2026-12-08"))
ACCESSIBILITY_UPDATED_ON = dt.date.fromisoformat(
    env.str("ACCESSIBILITY_UPDATED_ON", default=ACCESSIBILITY_ASSESSED_ON.isoformat())
)
ACCESSIBILITY_SUPERVISOR_EMAIL: str = env.str("ACCESSIBILITY_SUPERVISOR_EMAIL", default="saavutettavuus@traficom.fi")
ACCESSIBILITY_SUPERVISOR_PHONE: str = env.str("ACCESSIBILITY_SUPERVISOR_PHONE", default="029 534 5000")
ACCESSIBILITY_SUPERVISOR_URL: str = env.str(
    "ACCESSIBILITY_SUPERVISOR_URL", default="https://www.saavutettavuusvaatimukset.fi/"
)
ACCESSIBILITY_FEEDBACK_PER_HOUR: int = env.int("ACCESSIBILITY_FEEDBACK_PER_HOUR", default=10)
# PDF rendering (hankehallinta/pdf): worker processes killed at the time limit, refused past the
# memory limit; failed documents remembered for a while. README.md, "Configuration".
PDF_RENDER_WORKERS: int = env.int("PDF_RENDER_WORKERS", default=2)
PDF_MAX_RENDER_SECONDS: float = env.float("PDF_MAX_RENDER_SECONDS", default=30)
PDF_MAX_RENDER_MEMORY_MB: int = env.int("PDF_MAX_RENDER_MEMORY_MB", default=1024)
PDF_FAILURE_SECONDS: int = env.int("PDF_FAILURE_SECONDS", default=600)
PDF_RENDER_IN_PROCESS: bool = env.bool("PDF_RENDER_IN_PROCESS", default=False)

# Caches: local memory in each process unless CACHE_URL (or REDIS_URL) names a Redis server
# (redis://host:6379/0), which every process on every server then shares: "default", and "pdf" for
# the rendered PDFs (hankehallinta/pdf) in the next database number or PDF_CACHE_URL. Sessions are
# not cached. docs/deployment.md, "Redis".
CACHES = cache_settings(env)

# Background tasks (docs/background-tasks.md): django-tasks, the backport of Django 6.0's tasks, with
# its database queue (django-tasks-db), so they run on the database the app already has. Enqueued
# tasks are rows that `manage.py db_worker` runs; `manage.py run_scheduler` enqueues the daily ones
# at or after their local time, once a day. Tests run every task at once (conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The open data's bulk files after the removal of personal data, so that the night's files are without it.
TASKS_DAILY: dict[str, str] = {
    "decisions.tasks.remove_personal_data": "00:30",
    "opendata.tasks.export_open_data": "01:00",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# The open-data API (opendata/api/__init__.py): no authentication, read-only, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hankehallinta OParl 1.1 API",
    "DESCRIPTION": "The public decision archive as OParl-1.1-shaped JSON, with Finnish legal facts (fi: keys).",
    "VERSION": "1.1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/oparl/v1.1",
}
# CORS: anyone may read the API from a browser; nothing else of the site answers cross-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
