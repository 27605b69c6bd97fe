"""A real HTTP server on 127.0.0.1 in a thread, with the pages the fetch tests need."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ARTICLE_HTML = """<!doctype html><html><head>
<title>Council approves budget | Local Times</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Local Times">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body><nav>Home | Share | Subscribe</nav>
<article><h1>Council approves budget</h1>
<p>The city council approved a budget of 12 million dollars on Tuesday, the mayor said,
the largest in the city's history according to the finance office.</p>
<p>Spending on schools rises by 4 percent, while roads get 2.5 million dollars more than
last year. "This is a budget for families," the mayor told reporters.</p>
<p><script>alert("xss")</script><img src=x onerror="alert(1)">Opposition members voted
against it, saying the council had ignored the rising cost of housing in the city.</p>
</article><footer>Copyright Local Times</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, Callable[[Handler], None]] = {}
    seen: list[dict[str, str]] = []

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.seen.append({"path": parts.path, "host": self.headers.get("Host", "")})
        route = self.routes.get(parts.path)
        if route is None:
            self.send_error(404)
            return
        with suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def reply(self, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, code: int = 302) -> None:
        self.send_response(code)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _article(h: Handler) -> None:
    h.reply(ARTICLE_HTML.encode())


def _latin1(h: Handler) -> None:
    body = ARTICLE_HTML.replace("budget of", "budget (café, Zürich) of").encode("latin-1")
    h.reply(body, "text/html; charset=iso-8859-1")


def _plain(h: Handler) -> None:
    h.reply(b"Plain text article.\nThe council approved 12 million dollars.", "text/plain")


def _pdf(h: Handler) -> None:
    h.reply(b"%PDF-1.4 not really", "application/pdf")


def _json(h: Handler) -> None:
    h.reply(b'{"a": 1}', "application/json")


def _redirect(h: Handler) -> None:
    h.redirect(h.query["to"], int(h.query.get("code", "302")))


def _chain(h: Handler) -> None:
    left = int(h.query.get("n", "1"))
    h.redirect("/article" if left <= 0 else f"/chain?n={left - 1}")


def _huge(h: Handler) -> None:
    # No Content-Length: the cap must hold while streaming.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    for _ in range(int(h.query.get("chunks", "200"))):
        h.wfile.write(chunk)


def _huge_declared(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(10**10))
    h.end_headers()
    h.wfile.write(b"<p>start</p>")


def _slow(h: Handler) -> None:
    # A drip: each byte well inside the read timeout, the whole far beyond the deadline.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    for _ in range(int(h.query.get("n", "100"))):
        h.wfile.write(b"<p>drip</p>")
        h.wfile.flush()
        time.sleep(float(h.query.get("every", "0.2")))


def _stall(h: Handler) -> None:
    time.sleep(float(h.query.get("for", "3")))
    h.reply(b"<p>late</p>")


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/article": _article,
    "/latin1": _latin1,
    "/plain": _plain,
    "/pdf": _pdf,
    "/json": _json,
    "/redirect": _redirect,
    "/chain": _chain,
    "/huge": _huge,
    "/huge-declared": _huge_declared,
    "/slow": _slow,
    "/stall": _stall,
}


@contextmanager
def local_server(extra: dict[str, Callable[[Handler], None]] | None = None) -> Iterator[Any]:
    """Serve ROUTES (plus `extra`) on 127.0.0.1:<free port>; yields the server, whose
    `.base` is its URL and `.seen` the requests it got (path and Host header)."""
    handler = type("H", (Handler,), {"routes": {**ROUTES, **(extra or {})}, "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.base = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    server.seen = handler.seen  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
