"""Production settings: everything from settings.py, hardened. Refuses to start without
a real secret key."""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import (
    INSECURE_DEV_SECRET_KEY,
    LOG_LEVEL,
    REDIS_URL,
    REST_FRAMEWORK,
    SECRET_KEY,
    STORAGES,
    env_bool,
)

if not SECRET_KEY or SECRET_KEY == INSECURE_DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

DEBUG = env_bool("DJANGO_DEBUG", False)
WHITENOISE_USE_FINDERS = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Structured logs: one JSON object per line, for the log shipper.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# One cache for every web process, so the login throttle counts per client across gunicorn
# workers and machines (the local-memory default counts per process).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("FACTCHECK_CACHE_URL", REDIS_URL),
            "KEY_PREFIX": "factcheck",
            "TIMEOUT": 300,
            # A paused or unreachable Redis costs a login a second, not a hung worker.
            "OPTIONS": {"socket_timeout": 1.0, "socket_connect_timeout": 1.0},
        }
    }
# Behind N proxies the client address is the Nth from the right in X-Forwarded-For, read
# only when the request comes from a trusted proxy (core.clientip). gunicorn binds
# 127.0.0.1 by default (gunicorn.conf.py), so only the proxy on the machine reaches it.
FACTCHECK_NUM_PROXIES = int(os.environ.get("DJANGO_NUM_PROXIES", "1"))
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": FACTCHECK_NUM_PROXIES}
# The API schema and docs are for signed-in users: no map of the API for strangers.
FACTCHECK_API_DOCS_PUBLIC = env_bool("FACTCHECK_API_DOCS_PUBLIC", False)
# Load balancers and orchestrators probe /health/* over plain HTTP on the private network:
# answer them, do not redirect them to https.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
