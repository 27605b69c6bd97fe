"""The client's address, for throttling. X-Forwarded-For is anyone's to write: it is read
only when the request came from a trusted proxy (DJANGO_TRUSTED_PROXIES, private and
loopback networks by default) and only as far as DJANGO_NUM_PROXIES proxies vouch for it.
So a client that reaches gunicorn directly cannot pick a new address per request."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _address(value: str) -> Any:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def trusted_proxy(address: str) -> bool:
    ip = _address(address)
    nets = _networks(tuple(getattr(settings, "FACTCHECK_TRUSTED_PROXIES", ())))
    return ip is not None and any(ip in net for net in nets)


def client_ip(request: Any) -> str:
    """REMOTE_ADDR, or with N trusted proxies in front, the address the outermost of them
    saw (the Nth entry from the right of X-Forwarded-For)."""
    meta = request.META
    remote = str(meta.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "FACTCHECK_NUM_PROXIES", 0))
    forwarded = str(meta.get("HTTP_X_FORWARDED_FOR", ""))
    if proxies <= 0 or not forwarded or not trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-min(proxies, len(hops))]
    return candidate if _address(candidate) is not None else remote
