"""Kopā settings: one module, configured only by environment variables.

KOPA_ENV       production (default) | development | test
KOPA_SECRET_KEY  required in production
KOPA_DEBUG     1/0, defaults to on in development only; refused in production
DATABASE_URL   defaults to SQLite under var/ (postgres://user@host:port/name for PostgreSQL)
KOPA_ALLOWED_HOSTS  comma-separated
KOPA_VAR_DIR   where the SQLite database and uploaded media live (default: ./var)
KOPA_CONN_MAX_AGE  seconds a database connection is kept (60 in production, 0 elsewhere); DATABASE_REPLICA_URL
KOPA_PG_OPTIONS  PostgreSQL session settings (default: jit off, random_page_cost 1.1, no parallel workers)
KOPA_REDIS_URL  cache and sessions in Redis (else in the database: one machine); KOPA_STORAGE filesystem | s3
KOPA_BIND, KOPA_WORKERS, KOPA_TIMEOUT  gunicorn (src/kopa/gunicorn.conf.py, `kopa serve`); docs/deploy.md
KOPA_HTTPS_REDIRECT, KOPA_HSTS_SECONDS, KOPA_HSTS_SUBDOMAINS, KOPA_HSTS_PRELOAD, KOPA_BEHIND_PROXY  HTTPS (on in
               production), KOPA_MAX_REQUEST_MB (60), KOPA_SESSION_IDLE_MINUTES (120),
               KOPA_LEAN_MAX_UPLOAD_MB (50)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KOPA_VAR_DIR", Path.cwd() / "var"))

ENVIRONMENT = os.environ.get("KOPA_ENV", "production")
if ENVIRONMENT not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"KOPA_ENV must be production, development or test, not {ENVIRONMENT!r}")

_DEV_SECRET = "kopa-development-only-secret-key-not-for-production"
DEBUG = os.environ.get("KOPA_DEBUG", "1" if ENVIRONMENT == "development" else "0") == "1"
SECRET_KEY = os.environ.get("KOPA_SECRET_KEY", _DEV_SECRET)

if ENVIRONMENT == "production":
    # A public-sector site must never run with a known key or with tracebacks shown to visitors.
    if SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("Set KOPA_SECRET_KEY (at least 32 characters) in production.")
    if DEBUG:
        raise ImproperlyConfigured("KOPA_DEBUG must be off in production.")

ALLOWED_HOSTS = [h for h in os.environ.get("KOPA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
if ENVIRONMENT == "test":
    ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "modeltranslation",  # before admin, so the admin shows the lv/lt/en columns
    # Ours before django.contrib.admin, so our registration/ templates win over the admin's.
    "kopa.core",
    "kopa.accounts",
    "kopa.topics",
    "kopa.directory",
    "kopa.projects",
    "kopa.activities",
    "kopa.lean",
    "kopa.publications",
    "kopa.knowledge",  # search: the index over news, projects and activities
    "kopa.surveys",
    "kopa.messaging",
    "kopa.privacy",
    "kopa.jobs",
    "kopa.exports",
    "kopa.audit",
    "kopa.sources",
    "kopa.workspace",
    "kopa.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules",
    "axes",  # limits on wrong passwords (the sign-in page and HTTP Basic on the API)
    "django_tasks",
    "django_tasks_db",  # the queue of background jobs when KOPA_TASK_BACKEND=database
    "django.forms",  # Django's widget templates, after the project's own (FORM_RENDERER)
]

# Background jobs run at once by default (in the request that starts them). A site with large event logs sets
# KOPA_TASK_BACKEND=database and runs `kopa db_worker` beside the web server: the upload then returns at
# once and the service page shows the analysis' status and progress. A dotted path names any other backend.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
# `kopa worker` beats every KOPA_WORKER_BEAT_SECONDS; silent for KOPA_WORKER_SILENT_SECONDS, its running job is
# run again by `kopa run_scheduled`, up to KOPA_JOB_ATTEMPTS claims, then failed (kopa.jobs.services).
KOPA_WORKER_BEAT_SECONDS = int(os.environ.get("KOPA_WORKER_BEAT_SECONDS", "15"))
KOPA_WORKER_SILENT_SECONDS = int(os.environ.get("KOPA_WORKER_SILENT_SECONDS", "120"))
KOPA_JOB_ATTEMPTS = int(os.environ.get("KOPA_JOB_ATTEMPTS", "3"))
KOPA_JOB_HOURS = int(os.environ.get("KOPA_JOB_HOURS", "6"))  # a job of a worker without heartbeats
# An export of more rows than this is written by a background job (kopa.exports), kept KOPA_EXPORT_KEEP_HOURS.
KOPA_EXPORT_THRESHOLD = int(os.environ.get("KOPA_EXPORT_THRESHOLD", "2000"))
KOPA_EXPORT_KEEP_HOURS = int(os.environ.get("KOPA_EXPORT_KEEP_HOURS", "48"))
# Exports of public lists asked for by visitors who are not signed in, waiting or being written at one time: past
# it a visitor is asked to try again shortly (or to sign in), so that no one fills the workers' queue anonymously.
KOPA_EXPORT_PUBLIC_QUEUE = int(os.environ.get("KOPA_EXPORT_PUBLIC_QUEUE", "10"))
_task_backend = os.environ.get("KOPA_TASK_BACKEND", "immediate")
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_task_backend, _task_backend)}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kopa.core.routers.ReplicaReads",  # marks the requests that may read from the replica (none without one)
    "kopa.core.middleware.RequestSizeLimit",  # before anything reads the body
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kopa.core.middleware.SessionIdleTimeout",
    "kopa.audit.middleware.AuditContext",  # page, API or back office, and who: for the audit trail
    "kopa.core.middleware.PersonalDataNotCached",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lock into its 429 page
]

# Content-Security-Policy (django-csp): our own scripts, styles, images and fonts only — no inline script or
# style, nothing from another site, no framing. axe and the browser tests run with it on.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The largest request body accepted, refused from its Content-Length before it is read (an event log may be
# 50 MB; a form with it is a little more).
KOPA_MAX_REQUEST_BYTES = int(os.environ.get("KOPA_MAX_REQUEST_MB", "60")) * 1024 * 1024
# The largest event log a LEAN team may upload, in MB, uncompressed (a .csv.gz or .zip is measured as it is unpacked);
# the upload's address accepts a request this size plus a margin, whatever KOPA_MAX_REQUEST_MB says (kopa.lean.apps).
KOPA_LEAN_MAX_UPLOAD_MB = int(os.environ.get("KOPA_LEAN_MAX_UPLOAD_MB", "50"))

# Form widgets from the project's templates first (core/templates/django/forms/: a select that writes its options
# itself), then Django's own ("django.forms" in INSTALLED_APPS).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "kopa.urls"
WSGI_APPLICATION = "kopa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kopa.core.context_processors.languages",
            ],
        },
    },
]

# Persistent connections in production (a new PostgreSQL connection costs a few milliseconds per request — half the
# sign-ups a minute); health checks drop one the database closed, instead of failing the next request on it.
_CONN_MAX_AGE = int(os.environ.get("KOPA_CONN_MAX_AGE", "60" if ENVIRONMENT == "production" else "0"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'kopa.sqlite3'}", conn_max_age=_CONN_MAX_AGE, conn_health_checks=True,
    )
}
# A read replica (PostgreSQL streaming replication): pages read by visitors without a session read from it, all
# writes and everything inside a transaction go to the primary (kopa.core.routers).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=_CONN_MAX_AGE, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["kopa.core.routers.ReplicaRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Planner settings for a web application's short queries on SSD storage (KOPA_PG_OPTIONS replaces them),
        # each measured by bench/scale_bench.py at EU size:
        # - jit=off: PostgreSQL compiled a query whose estimate passed jit_above_cost to machine code first, 35-45 ms
        #   on every request of a page whose query then ran in 1 ms;
        # - random_page_cost=1.1 (the default 4 is for spinning disks) and no parallel workers for one query: the
        #   organisations of a conference's 5,000 registrations were hashed from all 90,000 by a sequential scan
        #   with two workers (53 ms) instead of looked up by their index (12 ms).
        _database.setdefault("OPTIONS", {}).setdefault("options", os.environ.get(
            "KOPA_PG_OPTIONS", "-c jit=off -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked account is refused before its password is checked
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("lt", _("Lithuanian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["kopa.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "lv"
MODELTRANSLATION_LANGUAGES = ("lv", "lt", "en")
# A Lithuanian municipality has no Latvian name in the reference data: show its own name, not nothing.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("lv", "lt", "en")

STATIC_URL = "/static/"
# In development and tests the files are served from the apps (finders); collectstatic is for production.
STATIC_ROOT = None if DEBUG or ENVIRONMENT == "test" else VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files: on this machine's disk by default (several app machines then share MEDIA_ROOT over NFS or the
# like), or on S3-compatible object storage with KOPA_STORAGE=s3 (pip install 'kopa[s3]'): KOPA_S3_BUCKET,
# KOPA_S3_ENDPOINT_URL (empty for AWS), KOPA_S3_REGION, KOPA_S3_ACCESS_KEY_ID, KOPA_S3_SECRET_ACCESS_KEY (empty:
# boto3's own environment or the machine's role), KOPA_S3_PREFIX. Files are private: pages hand them out.
KOPA_STORAGE = os.environ.get("KOPA_STORAGE", "filesystem")
if KOPA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"KOPA_STORAGE must be filesystem or s3, not {KOPA_STORAGE!r}")
_FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if KOPA_STORAGE == "s3":
    _FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("KOPA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("KOPA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("KOPA_S3_REGION") or None,
            "access_key": os.environ.get("KOPA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("KOPA_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("KOPA_S3_PREFIX", ""),
            "default_acl": None,  # the bucket's own (private) policy
            "querystring_auth": True,
            "file_overwrite": False,  # two uploads of photo.jpg keep both, as on disk
        },
    }
    if not _FILE_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("KOPA_STORAGE=s3 needs KOPA_S3_BUCKET.")
STORAGES = {
    "default": _FILE_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or ENVIRONMENT == "test"
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or ENVIRONMENT == "test"

EMAIL_BACKEND = os.environ.get(
    "KOPA_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if ENVIRONMENT == "production"
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("KOPA_FROM_EMAIL", "kopa@localhost")
# Where replies to Kopā's mail go (a coordinator's shared mailbox); empty: to the sender address.
KOPA_REPLY_TO = os.environ.get("KOPA_REPLY_TO", "")
# Days before an activity when those with a seat are reminded (run_scheduled sends each once).
KOPA_REMINDER_DAYS = [int(d) for d in os.environ.get("KOPA_REMINDER_DAYS", "7,1").split(",") if d.strip()]
# The address personal links in e-mails (survey invitations) start with.
KOPA_SITE_URL = os.environ.get("KOPA_SITE_URL", "http://127.0.0.1:8000")
# Years participants' personal data is kept after their project ends, where its programme sets none (funders ask
# for evidence until their audit period is over); `kopa erase_expired` erases what has passed it.
KOPA_RETENTION_YEARS = int(os.environ.get("KOPA_RETENTION_YEARS", "10"))

SESSION_COOKIE_SECURE = ENVIRONMENT == "production"
CSRF_COOKIE_SECURE = ENVIRONMENT == "production"
# Wrong passwords (django-axes): after KOPA_LOGIN_FAILURES for one account or from one address, signing in is
# refused, right password or not, for KOPA_LOGIN_LOCK_MINUTES; counted in the database; an administrator lifts a
# lock by deleting its access attempt. Password resets and survey-link answers: kopa.accounts.throttle.
AXES_FAILURE_LIMIT = int(os.environ.get("KOPA_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KOPA_LOGIN_LOCK_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kopa.accounts.lockout.locked_out"
AXES_VERBOSE = False
KOPA_PASSWORD_RESETS_PER_HOUR = int(os.environ.get("KOPA_PASSWORD_RESETS_PER_HOUR", "5"))
KOPA_SURVEY_ANSWERS_PER_HOUR = int(os.environ.get("KOPA_SURVEY_ANSWERS_PER_HOUR", "60"))

# Signed out after this long without a request (kopa.core.middleware.SessionIdleTimeout).
SESSION_COOKIE_AGE = int(os.environ.get("KOPA_SESSION_IDLE_MINUTES", "120")) * 60

# Cache and sessions: in Redis when KOPA_REDIS_URL is set (every app machine sees the same; sessions are also
# written to the database, so a Redis restart signs nobody out), otherwise in the database (table kopa_cache,
# made by core's migration) — enough for one machine; `kopa serve` says which at start.
KOPA_REDIS_URL = os.environ.get("KOPA_REDIS_URL", "")
if KOPA_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": KOPA_REDIS_URL,
            "KEY_PREFIX": os.environ.get("KOPA_CACHE_PREFIX", "kopa"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kopa_cache",
            "KEY_PREFIX": os.environ.get("KOPA_CACHE_PREFIX", "kopa"),
        }
    }


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


# HTTPS in production by default: redirect, and browsers told to use nothing else for a year (HSTS). A site behind
# a load balancer that ends TLS sets KOPA_BEHIND_PROXY=1, so the proxy's X-Forwarded-Proto is trusted.
SECURE_SSL_REDIRECT = _flag("KOPA_HTTPS_REDIRECT", ENVIRONMENT == "production")
SECURE_HSTS_SECONDS = int(os.environ.get("KOPA_HSTS_SECONDS", "31536000" if ENVIRONMENT == "production" else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("KOPA_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("KOPA_HSTS_PRELOAD", True)
if _flag("KOPA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KOPA_LOG_LEVEL", "WARNING")},
}

# Page size of every public list.
KOPA_PAGE_SIZE = 20
