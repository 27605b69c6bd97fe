"""gunicorn settings for production: `gunicorn -c factcheck/gunicorn.conf.py factcheck.wsgi`."""

import os

# Loopback by default: the TLS proxy on the same machine is the only way in, so the
# X-Forwarded-For it sets can be trusted (DJANGO_NUM_PROXIES). To put gunicorn behind a
# proxy on another machine, set GUNICORN_BIND=0.0.0.0:8000 and firewall the port to it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str((os.cpu_count() or 1) * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": %(B)s, "ms": %(M)s}'
)
