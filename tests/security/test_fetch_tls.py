"""HTTPS with the connection pinned to the resolved address: the TLS handshake still
sends the name (SNI) and checks the certificate against the name, not the address."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from factcheck.articles import fetch
from factcheck.articles.fetch import FetchError, fetch_url
from tests.conftest import require

from .local_http import ROUTES, Handler
from .test_fetch_ssrf import FlippingResolver


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[Any]:
    require(shutil.which("openssl") is not None, "openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=news.test",
            "-addext",
            "subjectAltName=DNS:news.test",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,misc,return-value]
    handler = type("H", (Handler,), {"routes": dict(ROUTES), "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.cert, server.names = str(cert), names  # type: ignore[attr-defined]
    server.seen = handler.seen  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_tls_sends_the_name_and_checks_the_certificate(
    tls_server: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    monkeypatch.setattr(fetch, "CA_CERTS", tls_server.cert)
    resolver = FlippingResolver("news.test", ["127.0.0.1", "10.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    port = tls_server.server_address[1]
    page = fetch_url(f"https://news.test:{port}/article")
    assert b"Council approves budget" in page.body
    assert tls_server.names == ["news.test"] and resolver.calls == 1


def test_tls_refuses_a_certificate_for_another_name(
    tls_server: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    monkeypatch.setattr(fetch, "CA_CERTS", tls_server.cert)
    monkeypatch.setattr(socket, "getaddrinfo", FlippingResolver("other.test", ["127.0.0.1"]))
    with pytest.raises(FetchError):
        fetch_url(f"https://other.test:{tls_server.server_address[1]}/article")
    assert tls_server.seen == []
