"""Fetch a URL from the server without letting it reach inside the network (SSRF-safe).

Each hop: http/https only; the host resolved exactly once; every answer must be a public
address (loopback, private, link-local, multicast, reserved, shared and cloud-metadata
addresses are refused, IPv4 and IPv6 alike, IPv4 embedded in IPv6 included); then the
connection is pinned to that address, with the Host header and TLS SNI/certificate check
on the name. So a DNS answer that changes between the check and the connection (DNS
rebinding) cannot move us. Redirects are followed by hand and checked the same way.
Timeouts bound the connection, each read and the whole fetch; the body is capped.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

MAX_REDIRECTS = 5
MAX_BYTES = 5 * 1024 * 1024
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
TOTAL_TIMEOUT = 20.0
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "FactcheckBot/1.0 (+https://example.org/factcheck)"
CA_CERTS: str | None = None  # a CA bundle path; None: the system's (tests set their own)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# 64:ff9b::/96 (NAT64) carries an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Cloud metadata endpoints; most are link-local or private already, listed to be explicit.
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("169.254.170.2"),
    ipaddress.ip_address("100.100.100.200"),
    ipaddress.ip_address("fd00:ec2::254"),
}


class FetchError(Exception):
    """Why a URL was not fetched; `field` names the request field to blame."""

    def __init__(
        self, message: str, status: int = 400, field: str = "url", http: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status  # what our API answers
        self.field = field
        self.http = http  # what the remote server answered, when it answered


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content_type: str
    charset: str | None
    body: bytes
    status: int = 200


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why `address` may not be fetched from, or None when it is a public address."""
    inner = _embedded_ipv4(address)
    if inner is not None:
        reason = address_refusal(inner, allow_loopback)
        return f"{reason} (inside {address})" if reason else None
    if address.is_loopback:
        return None if allow_loopback else f"{address} is a loopback address"
    if address in METADATA_ADDRESSES:
        return f"{address} is a cloud metadata address"
    for flag in ("is_private", "is_link_local", "is_multicast", "is_reserved", "is_unspecified"):
        if getattr(address, flag):
            return f"{address} is a {flag.removeprefix('is_').replace('_', '-')} address"
    if not address.is_global:
        return f"{address} is not a public address"
    return None


def resolve(host: str, port: int) -> IPAddress:
    """Resolve `host` once and return the address to connect to; refuse the host when
    any of its answers is not public (a mix is a rebinding trick as likely as not)."""
    allow_loopback = bool(settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK)
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"The host {host} could not be resolved ({error}).") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in answers]
    if not addresses:
        raise FetchError(f"The host {host} has no address.")
    for address in addresses:
        reason = address_refusal(address, allow_loopback)
        if reason:
            raise FetchError(f"Refused to fetch from {host}: {reason}.")
    return addresses[0]


def _pool(scheme: str, host: str, address: IPAddress, port: int) -> urllib3.HTTPConnectionPool:
    """A pool connected to `address` itself; TLS still verifies the certificate for `host`."""
    timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT)
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(address),
            port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=CA_CERTS,
        )
    return urllib3.HTTPConnectionPool(str(address), port, timeout=timeout, retries=False, maxsize=1)


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"Only http and https URLs can be fetched, not {scheme or 'this'!r}.")
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are not fetched.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError("The URL has no host.")
    try:  # an internationalised name goes on the wire (DNS, Host, SNI) as its A-label
        host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise FetchError(f"The host name {host!r} is not valid.") from error
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(f"The URL's port is not valid ({error}).") from error
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port, path


def _host_header(host: str, port: int, scheme: str) -> str:
    name = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return name if port == default else f"{name}:{port}"


def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    total_timeout: float = TOTAL_TIMEOUT,
    accept: tuple[str, ...] = ACCEPTED_TYPES,
) -> Fetched:
    """GET `url` safely (see the module docstring), taking only the `accept` content
    types; raises FetchError with the reason."""
    deadline = time.monotonic() + total_timeout
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _split(url)
        address = resolve(host, port)
        pool = _pool(scheme, host, address, port)
        headers = {
            "Host": _host_header(host, port, scheme),
            "User-Agent": USER_AGENT,
            "Accept": ",".join(accept),
        }
        try:
            response = pool.urlopen(
                "GET",
                path,
                headers=headers,
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(f"Could not fetch {url}: {error}", status=502) from error
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"{url} redirected without a Location.", status=502)
                url = urljoin(url, location)
                continue
            if response.status >= 400:
                raise FetchError(
                    f"{url} answered HTTP {response.status}.", status=502, http=response.status
                )
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if content_type not in accept:
                kinds = "a PDF, HTML or text page" if "application/pdf" in accept else None
                raise FetchError(
                    f"{url} is {content_type or 'of no stated type'}, "
                    f"not {kinds or 'an HTML or text page'}.",
                    status=415,
                    http=response.status,
                )
            body = _read_capped(response, max_bytes, deadline, url)
            return Fetched(url, content_type, charset, body, response.status)
        finally:
            response.release_conn()
            pool.close()
    raise FetchError(f"More than {MAX_REDIRECTS} redirects.", status=502)


def _content_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return kind.strip().lower(), charset


def _read_capped(
    response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: float, url: str
) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{url} is {int(length):,} bytes; the limit is {max_bytes:,}.", 413)
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            # read1: one socket read at most, so a slow drip is caught by the deadline.
            chunk = response.read1(64 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url} is over the limit of {max_bytes:,} bytes.", 413)
            if time.monotonic() > deadline:
                raise FetchError(f"{url} took too long to download.", 504)
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"Could not read {url}: {error}", status=502) from error
    except TimeoutError as error:
        raise FetchError(f"{url} took too long to answer.", status=504) from error
    return b"".join(chunks)
