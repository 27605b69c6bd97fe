"""Login throttles, shared by the API login and the Django admin's login page so that
attempts on both count together:

- by client (scope "login", FACTCHECK_LOGIN_RATE): every attempt from one address;
- by username (FACTCHECK_LOGIN_USERNAME_RATE): failed attempts at one account from any
  address, so rotating addresses does not buy more guesses. Successful logins are not
  counted (a busy user is never locked out by logging in), but while an account is
  blocked even the right password is refused.

Counts live in the default cache (Redis in production: shared by every web process)."""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from factcheck.core.clientip import client_ip

log = logging.getLogger(__name__)


class ClientLoginThrottle(SimpleRateThrottle):
    """Every login attempt from one client address (X-Forwarded-For only via trusted
    proxies: core.clientip)."""

    scope = "login"

    def get_ident(self, request: Any) -> str:
        return client_ip(request)

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception as error:  # the cache (Redis) is away: log in rather than 500
            log.warning("Login throttle unavailable (%s); not counting", error)
            return True

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _rate() -> tuple[int, int]:
    rates: Any = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]  # type: ignore[index]
    rate = str(rates["login_username"])
    count, period = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
    assert count is not None and period is not None
    return count, period


def _key(username: str) -> str:
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    return f"throttle_login_username_{digest}"


def _recent(username: str, now: float, period: int) -> list[float]:
    return [t for t in cache.get(_key(username), []) if t > now - period]


def username_wait(username: str) -> float | None:
    """Seconds until `username` may try again, or None when it may now."""
    if not username:
        return None
    count, period = _rate()
    now = time.time()
    try:
        failures = _recent(username, now, period)
    except Exception as error:  # the cache is away: see ClientLoginThrottle
        log.warning("Login throttle unavailable (%s); not counting", error)
        return None
    if len(failures) < count:
        return None
    return max(1.0, failures[-count] + period - now)


def username_failed(username: str) -> None:
    if not username:
        return
    count, period = _rate()
    now = time.time()
    try:
        failures = _recent(username, now, period)[-(count - 1) :] if count > 1 else []
        cache.set(_key(username), [*failures, now], period)
    except Exception as error:
        log.warning("Login throttle unavailable (%s); not counting", error)
