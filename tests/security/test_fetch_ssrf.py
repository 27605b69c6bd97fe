"""The URL fetcher against a real HTTP server on 127.0.0.1: redirects, redirects into the
network, DNS answers that change, huge and slow bodies, non-HTML types, and the address
rules on their own. The loopback setting is on only where the test says so."""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import Any

import pytest

from factcheck.articles import fetch
from factcheck.articles.fetch import FetchError, address_refusal, fetch_url

from .local_http import Handler, local_server

REFUSED = [
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "100.64.0.1",  # carrier-grade NAT (shared address space)
    "169.254.169.254",  # cloud metadata
    "169.254.170.2",  # ECS task metadata
    "100.100.100.200",  # Alibaba metadata
    "fd00:ec2::254",  # AWS metadata over IPv6
    "fe80::1",
    "fc00::1",
    "224.0.0.1",
    "239.255.255.250",
    "ff02::1",
    "240.0.0.1",
    "255.255.255.255",
    "0.0.0.0",
    "::",
    "198.18.0.1",  # benchmarking
    "192.0.2.1",  # documentation
    "::ffff:127.0.0.1",  # IPv4-mapped IPv6
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "2002:7f00:1::1",  # 6to4 around 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 around 169.254.169.254
    "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo around 127.0.0.1
]
ALLOWED = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


def test_the_loopback_setting_opens_loopback_only() -> None:
    for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
        assert address_refusal(ipaddress.ip_address(address), allow_loopback=True) is None
    for address in ("10.0.0.1", "169.254.169.254", "::ffff:192.168.0.1", "fe80::1"):
        assert address_refusal(ipaddress.ip_address(address), allow_loopback=True)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "gopher://example.org/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://user:pw@example.org/",
        "http:///nohost",
        "http://example.org:99999/",
    ],
)
def test_only_plain_http_and_https_urls(url: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(url)


@pytest.fixture
def loopback(settings: Any) -> Any:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    return settings


def test_loopback_is_refused_without_the_setting(settings: Any) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = False
    with local_server() as server:
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(server.base + "/article")
        assert server.seen == []  # refused before connecting


def test_fetches_a_page_and_follows_redirects(loopback: Any) -> None:
    with local_server() as server:
        page = fetch_url(server.base + "/chain?n=3")
        assert page.url == server.base + "/article"
        assert b"Council approves budget" in page.body
        assert page.content_type == "text/html" and page.charset == "utf-8"
        assert [r["path"] for r in server.seen] == ["/chain"] * 4 + ["/article"]


def test_too_many_redirects(loopback: Any) -> None:
    with local_server() as server, pytest.raises(FetchError, match="redirects"):
        fetch_url(server.base + "/chain?n=20")


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:192.168.0.1]/",
        "http://[fd00:ec2::254]/",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_into_the_network_is_refused(loopback: Any, target: str) -> None:
    with local_server() as server:
        with pytest.raises(FetchError, match=r"Refused|Only http"):
            fetch_url(f"{server.base}/redirect?to={target}")
        assert [r["path"] for r in server.seen] == ["/redirect"]


def test_a_redirect_to_127_0_0_1_is_refused_with_the_setting_off(settings: Any) -> None:
    """The first hop needs the setting (our server is on loopback); the server turns it off
    before it answers with a redirect to 127.0.0.1, so the refusal is the redirect check's."""
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True

    def switch_off_then_redirect(h: Handler) -> None:
        settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = False
        h.redirect(f"http://127.0.0.1:{h.server.server_address[1]}/article")

    with local_server({"/switch": switch_off_then_redirect}) as server:
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(server.base + "/switch")
        assert [r["path"] for r in server.seen] == ["/switch"]


class FlippingResolver:
    """DNS that answers differently on each lookup of one name (a rebinding attack)."""

    def __init__(self, name: str, answers: list[str]) -> None:
        self.name, self.answers, self.calls = name, answers, 0
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != self.name:
            return self.real(host, port, *args, **kwargs)
        address = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]


def test_dns_is_resolved_once_and_the_connection_pinned(
    loopback: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = FlippingResolver("news.rebind.test", ["127.0.0.1", "10.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with local_server() as server:
        port = server.server_address[1]
        page = fetch_url(f"http://news.rebind.test:{port}/article")
    assert b"Council approves budget" in page.body
    assert resolver.calls == 1  # the later (private) answer was never asked for
    assert server.seen[0]["host"] == f"news.rebind.test:{port}"  # the name went as Host


def test_a_name_that_first_answers_private_is_refused(
    loopback: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = FlippingResolver("evil.rebind.test", ["10.0.0.1", "127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with local_server() as server, pytest.raises(FetchError, match="private"):
        fetch_url(f"http://evil.rebind.test:{server.server_address[1]}/article")
    assert server.seen == [] and resolver.calls == 1


def test_any_private_answer_among_several_refuses_the_host(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = False
    real = socket.getaddrinfo

    def mixed(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "mixed.test":
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(FetchError, match="loopback"):
        fetch_url("http://mixed.test/")


def test_a_redirect_to_a_name_that_resolves_private_is_refused(
    loopback: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = FlippingResolver("internal.rebind.test", ["192.168.10.10"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with local_server() as server, pytest.raises(FetchError, match="private"):
        fetch_url(f"{server.base}/redirect?to=http://internal.rebind.test/admin")


def test_huge_bodies_are_cut_off(loopback: Any) -> None:
    with local_server() as server:
        with pytest.raises(FetchError, match="limit") as streamed:
            fetch_url(server.base + "/huge?chunks=200", max_bytes=1_000_000)
        assert streamed.value.status == 413
        with pytest.raises(FetchError, match="limit") as declared:
            fetch_url(server.base + "/huge-declared")
        assert declared.value.status == 413


def test_slow_bodies_hit_the_deadline(loopback: Any) -> None:
    with local_server() as server:
        started = time.monotonic()
        with pytest.raises(FetchError, match="too long") as error:
            fetch_url(server.base + "/slow?n=100&every=0.1", total_timeout=1.0)
        assert time.monotonic() - started < 3
        assert error.value.status == 504


def test_a_stalled_server_hits_the_read_timeout(
    loopback: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "READ_TIMEOUT", 0.5)
    with local_server() as server:
        started = time.monotonic()
        with pytest.raises(FetchError):
            fetch_url(server.base + "/stall?for=3")
        assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path", ["/pdf", "/json"])
def test_non_html_types_are_refused(loopback: Any, path: str) -> None:
    with local_server() as server, pytest.raises(FetchError, match="not an HTML") as error:
        fetch_url(server.base + path)
    assert error.value.status == 415


def test_plain_text_is_accepted(loopback: Any) -> None:
    with local_server() as server:
        page = fetch_url(server.base + "/plain")
    assert page.content_type == "text/plain"


def test_an_internationalised_name_is_resolved_as_its_a_label(
    loopback: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = FlippingResolver("xn--bcher-kva.test", ["127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with local_server() as server:
        port = server.server_address[1]
        page = fetch_url(f"http://bücher.test:{port}/article")
    assert b"Council" in page.body and resolver.calls == 1
    assert server.seen[0]["host"] == f"xn--bcher-kva.test:{port}"
