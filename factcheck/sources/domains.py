"""A source's domain in one canonical form: the host only, lower case, without `www.`.

The registry maps a domain to one active source, so "https://www.BLS.gov/cpi/" and "bls.gov"
must be the same key; anything that is not a host name is refused."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_domain(value: str) -> str:
    """The canonical domain of a host name or URL; ValueError saying why when it has none.
    An empty value stays empty (a source without a website)."""
    value = (value or "").strip()
    if not value:
        return ""
    if "://" not in value:
        value = "//" + value  # let urlsplit find the host of "bls.gov/cpi"
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise ValueError(f"{value.lstrip('/')!r} is not a domain or URL.") from error
    host = host.rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ValueError(f"{host!r} is not a valid host name.") from error
    host = host.removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or len(host) > 253:
        raise ValueError(f"{host or value!r} is not a domain name (like bls.gov).")
    if labels[-1].isdigit():
        raise ValueError(f"{host!r} is an address, not a domain name.")
    return host


def parent_domains(domain: str) -> list[str]:
    """The domain and each parent above the top level: a.b.gov → [a.b.gov, b.gov]."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]
