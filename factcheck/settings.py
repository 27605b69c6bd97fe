"""Settings for Factcheck. Configuration comes from the environment only (12-factor);
every variable has a safe default for local use and a line in the README."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FACTCHECK_VAR_DIR", BASE_DIR / "var"))
# Under pytest-xdist each worker, and every process its tests start (they inherit
# PYTEST_XDIST_WORKER), has a var/ of its own: files named by database ids (exports) would
# collide between workers, whose test databases count ids from 1 alike.
if os.environ.get("PYTEST_XDIST_WORKER"):
    VAR_DIR = VAR_DIR / "xdist" / os.environ["PYTEST_XDIST_WORKER"]
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A development-only key: settings_production refuses to start with it.
INSECURE_DEV_SECRET_KEY = "django-insecure-factcheck-local-development-only"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", INSECURE_DEV_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "factcheck.core",
    "factcheck.accounts",
    "factcheck.articles",
    "factcheck.tagging",
    "factcheck.sources",
    "factcheck.claims",
    "factcheck.reports",
    "factcheck.factchecks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

# A strict Content-Security-Policy everywhere (not only in production), so that the tests
# prove the frontend needs no inline script and an injected one cannot run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: SQLite under var/ by default, PostgreSQL (psycopg 3) when DATABASE_URL says so.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'factcheck.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file-backed test database lets a separate Celery worker process see test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-factcheck.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files: the Vite bundle (frontend/dist, hashed names) served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
WHITENOISE_USE_FINDERS = True
WHITENOISE_IMMUTABLE_FILE_TEST = r"^.+[.-][0-9a-zA-Z_-]{8,12}\..+$"
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "/login"

# --- REST framework
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["factcheck.accounts.permissions.IsReviewer"],
    "DEFAULT_PAGINATION_CLASS": "factcheck.core.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "factcheck.core.filters.StrictFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON with a nesting limit (a 400, not a RecursionError), forms and uploads.
    "DEFAULT_PARSER_CLASSES": [
        "factcheck.core.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "factcheck.core.openapi.ErrorDocumentingAutoSchema",
    "EXCEPTION_HANDLER": "factcheck.core.exceptions.json_exception_handler",
    # ?format= is a filter here (export jobs by format), not DRF's renderer override
    # (which answered 404 to ?format=csv).
    "URL_FORMAT_OVERRIDE": None,
    # Login attempts per client address, and failed ones per username (accounts.throttles).
    "DEFAULT_THROTTLE_RATES": {
        "login": os.environ.get("FACTCHECK_LOGIN_RATE", "10/min"),
        "login_username": os.environ.get("FACTCHECK_LOGIN_USERNAME_RATE", "20/hour"),
    },
}

# The client's address for throttling (core.clientip): X-Forwarded-For is read only from
# a trusted proxy, and only DJANGO_NUM_PROXIES hops deep (0 here: no proxy in front of the
# development server; settings_production defaults to 1, with gunicorn on 127.0.0.1).
FACTCHECK_NUM_PROXIES = int(os.environ.get("DJANGO_NUM_PROXIES", "0"))
FACTCHECK_TRUSTED_PROXIES = env_list(
    "DJANGO_TRUSTED_PROXIES",
    "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7",
)
# The OpenAPI schema (/api/schema/) and its docs (/api/docs/) for anyone, or only for
# signed-in users (production's default).
FACTCHECK_API_DOCS_PUBLIC = env_bool("FACTCHECK_API_DOCS_PUBLIC", True)

SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": "Fact-check annotation: articles, candidates, claims, sources, verdicts. "
    "Offsets are Unicode code points.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the sidecar package: /api/docs/ works offline and under the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.core.openapi.require_versions",
    ],
    # Several models have a "status"; name each choice set once. Tagging state, import
    # and export jobs share one vocabulary (queued/running/done/failed).
    "ENUM_NAME_OVERRIDES": {
        "ProgressStatusEnum": "factcheck.articles.models.TaggingStatus",
        "ClaimStatusEnum": "factcheck.claims.models.ClaimStatus",
        "SourceStatusEnum": "factcheck.sources.models.SourceStatus",
        "CandidateStatusEnum": "factcheck.tagging.models.CandidateStatus",
    },
}


# --- Celery. Redis at REDIS_URL; when unset, Redis on localhost if it answers, else
# Celery's filesystem transport under var/ (still a real worker process).
def _redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.3):
            return True
    except OSError:
        return False


REDIS_URL = os.environ.get("REDIS_URL", "")
if not REDIS_URL and _redis_answers():
    REDIS_URL = "redis://127.0.0.1:6379/0"
BROKER_KIND = "redis" if REDIS_URL else "filesystem"

# Time limits (seconds) and the broker's visibility timeout. The rule, checked by
# tests/faults/test_time_limits.py: every task's hard time limit is SHORTER than the
# visibility timeout, so the broker never hands a task that is still running to a second
# worker. A worker that dies is noticed sooner than that by the job sweeper (heartbeats),
# so a long visibility timeout costs no waiting.
TASK_SOFT_TIME_LIMIT = int(os.environ.get("FACTCHECK_TASK_SOFT_TIME_LIMIT", "300"))
TASK_TIME_LIMIT = TASK_SOFT_TIME_LIMIT + 60
# A bulk import (up to 200 MB of rows, URL rows fetched one by one) gets longer.
FACTCHECK_IMPORT_TIME_LIMIT = int(os.environ.get("FACTCHECK_IMPORT_TIME_LIMIT", "3600"))
LONGEST_TASK = max(TASK_TIME_LIMIT, FACTCHECK_IMPORT_TIME_LIMIT + 60)
BROKER_VISIBILITY_TIMEOUT = int(
    os.environ.get("FACTCHECK_BROKER_VISIBILITY_TIMEOUT", str(LONGEST_TASK + 240))
)

if BROKER_KIND == "redis":
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        # Without these a frozen Redis makes .delay() block forever.
        "socket_timeout": 2.0,
        "socket_connect_timeout": 2.0,
        "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
        "max_retries": 1,
        # A dead worker's unacknowledged tasks come back once the visibility timeout has
        # passed, found by a scan every `unacked_restore_interval` s. Kombu's default only
        # scans on every 10th tick (~100 s): throttle 1 makes the interval the real one.
        "unacked_restore_interval": int(os.environ.get("FACTCHECK_BROKER_RESTORE_INTERVAL", "10")),
        "unacked_restore_throttle": 1,
    }
else:
    _queue_dir = VAR_DIR / "celery-queue"
    for _sub in ("out", "processed"):
        (_queue_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "out"),
        "data_folder_out": str(_queue_dir / "out"),
        "processed_folder": str(_queue_dir / "processed"),
        "store_processed": False,
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = TASK_SOFT_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = TASK_TIME_LIMIT
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up otherwise closes the database connection before and after every
# task: a new PostgreSQL connection (a forked backend process) for every tagged article.
# Reuse it for 100 tasks; CONN_MAX_AGE and the tasks' close_old_connections() still
# drop broken or old ones.
CELERY_DB_REUSE_MAX = int(os.environ.get("FACTCHECK_DB_REUSE_MAX", "100"))
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing gives up fast; the periodic sweeper re-enqueues whatever is left queued.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_ALWAYS_EAGER = env_bool("FACTCHECK_TASKS_EAGER", False)
# The longest a request waits for the broker to take a task (core.enqueue); past it the
# job stays queued for the sweeper. FACTCHECK_TAGGING_ENQUEUE_DEADLINE is the old name.
FACTCHECK_ENQUEUE_DEADLINE = float(
    os.environ.get(
        "FACTCHECK_ENQUEUE_DEADLINE", os.environ.get("FACTCHECK_TAGGING_ENQUEUE_DEADLINE", "1.5")
    )
)
FACTCHECK_TAGGING_ENQUEUE_DEADLINE = FACTCHECK_ENQUEUE_DEADLINE
# The job sweeper (core.jobs): every FACTCHECK_JOB_SWEEP_EVERY s, every registered kind of
# job (tagging, imports, exports...) queued for over FACTCHECK_JOB_SWEEP_AFTER s (the
# broker never got it) or running without a heartbeat for FACTCHECK_JOB_STALL_AFTER s (its
# worker died) is enqueued again. Running jobs beat every FACTCHECK_JOB_HEARTBEAT_EVERY s.
FACTCHECK_JOB_SWEEP_EVERY = float(
    os.environ.get(
        "FACTCHECK_JOB_SWEEP_EVERY", os.environ.get("FACTCHECK_TAGGING_SWEEP_EVERY", "30")
    )
)
FACTCHECK_JOB_SWEEP_AFTER = float(
    os.environ.get(
        "FACTCHECK_JOB_SWEEP_AFTER", os.environ.get("FACTCHECK_TAGGING_SWEEP_AFTER", "60")
    )
)
FACTCHECK_JOB_HEARTBEAT_EVERY = float(os.environ.get("FACTCHECK_JOB_HEARTBEAT_EVERY", "5"))
FACTCHECK_JOB_STALL_AFTER = float(os.environ.get("FACTCHECK_JOB_STALL_AFTER", "30"))
# Tagging keeps its own names (an article is its own job row).
FACTCHECK_TAGGING_SWEEP_EVERY = FACTCHECK_JOB_SWEEP_EVERY
FACTCHECK_TAGGING_SWEEP_AFTER = FACTCHECK_JOB_SWEEP_AFTER
# Articles per task when many are tagged at once (bulk import, sweeper).
FACTCHECK_TAGGING_BATCH = int(os.environ.get("FACTCHECK_TAGGING_BATCH", "25"))
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "job-sweeper": {
        "task": "factcheck.core.tasks.sweep_jobs",
        "schedule": FACTCHECK_JOB_SWEEP_EVERY,
        # A sweep nobody ran in time is pointless: the next one does the same work.
        "options": {"expires": FACTCHECK_JOB_SWEEP_EVERY},
    },
}

# --- Product settings
FACTCHECK_MAX_ARTICLE_CHARS = int(os.environ.get("FACTCHECK_MAX_ARTICLE_CHARS", "1000000"))
# A JSON body must fit an article at the limit (up to 4 UTF-8 bytes a character, escapes),
# so that an article over the limit gets the 413 naming the limit, not Django's bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = FACTCHECK_MAX_ARTICLE_CHARS * 6 + 1_000_000
FACTCHECK_REQUIRE_TWO_SOURCES = env_bool("FACTCHECK_REQUIRE_TWO_SOURCES", False)
FACTCHECK_ORGANIZATION_NAME = os.environ.get("FACTCHECK_ORGANIZATION_NAME", "Factcheck Newsroom")
FACTCHECK_ORGANIZATION_URL = os.environ.get("FACTCHECK_ORGANIZATION_URL", "https://example.org")
# Where this app is reached, for links in exported files (stored copies of sources).
FACTCHECK_SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "http://127.0.0.1:8000")
FACTCHECK_CLAIM_URL_PATTERN = os.environ.get(
    "FACTCHECK_CLAIM_URL_PATTERN", "https://example.org/fact-checks/{id}"
)
# Captured copies of cited pages (bytes by SHA-256). With FACTCHECK_CAPTURE_BUCKET set they go
# to that S3-compatible bucket through django-storages (AWS_* variables configure access).
FACTCHECK_CAPTURE_MAX_BYTES = int(os.environ.get("FACTCHECK_CAPTURE_MAX_BYTES", str(25 * 2**20)))
FACTCHECK_CAPTURE_BUCKET = os.environ.get("FACTCHECK_CAPTURE_BUCKET", "")
FACTCHECK_CAPTURE_DIR = os.environ.get("FACTCHECK_CAPTURE_DIR", str(VAR_DIR / "captures"))
FACTCHECK_ARCHIVE_WAYBACK = env_bool("FACTCHECK_ARCHIVE_WAYBACK", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "captures": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": FACTCHECK_CAPTURE_BUCKET, "default_acl": "private"},
        }
        if FACTCHECK_CAPTURE_BUCKET
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": FACTCHECK_CAPTURE_DIR},
        }
    ),
}
# The public fact-check pages: where the organisation explains how it checks (a link on
# every page), and the site's own address for absolute links in the pages and the feed.
FACTCHECK_METHODOLOGY_URL = os.environ.get(
    "FACTCHECK_METHODOLOGY_URL", "https://example.org/methodology"
)
# Tests only: lets the URL importer fetch from a local HTTP server.
FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = env_bool("FACTCHECK_URL_FETCH_ALLOW_LOOPBACK", False)

LOG_LEVEL = os.environ.get("FACTCHECK_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
