"""Fixtures for the fault tests: a private redis-server (to pause), a worker with beat and
a fast job sweeper, gunicorn, tokens, and an HTTP caller that tallies what it saw (the
figures the tests print: requests tried, 5xx seen, jobs lost)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require
from tests.integration.processes import CeleryWorker, RedisServer, free_ports

# Fast clocks for the sweeper, so a lost job is found in seconds, not minutes.
FAST_SWEEPER = {
    "FACTCHECK_JOB_SWEEP_EVERY": "1",
    "FACTCHECK_JOB_SWEEP_AFTER": "3",
    "FACTCHECK_JOB_STALL_AFTER": "5",
    "FACTCHECK_JOB_HEARTBEAT_EVERY": "1",
}
# 8180-8189 belong to the production proof suites; 8181 to the connection-drop test.
PORTS = (8183, 8189)


@dataclass
class Tally:
    """Every request a fault test made: status and seconds."""

    seen: list[tuple[str, int, float]] = field(default_factory=list)

    @property
    def tried(self) -> int:
        return len(self.seen)

    @property
    def server_errors(self) -> list[tuple[str, int, float]]:
        return [s for s in self.seen if s[1] >= 500 or s[1] == 0]

    @property
    def slowest(self) -> float:
        return max((s[2] for s in self.seen), default=0.0)


def multipart(name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def tally() -> Tally:
    return Tally()


@pytest.fixture
def call(tally: Tally) -> Callable[..., tuple[int, Any]]:
    def do(
        url: str,
        token: str,
        method: str = "GET",
        body: Any = None,
        upload: tuple[str, bytes] | None = None,
        timeout: float = 30,
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Token {token}"}
        data = None
        if upload is not None:
            data, headers["Content-Type"] = multipart("file", *upload)
        elif body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        started = time.monotonic()
        status, raw = 0, b""
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except OSError as error:  # reset, timeout: counted as a failure (status 0)
            raw = str(error).encode()
        tally.seen.append((f"{method} {url}", status, time.monotonic() - started))
        try:
            return status, json.loads(raw or b"null")
        except ValueError:
            return status, raw.decode(errors="replace")

    return do


@pytest.fixture
def private_redis(redis_url: str, tmp_path: Path) -> Iterator[RedisServer]:
    import shutil

    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    (port,) = free_ports(1, *PORTS)
    server = RedisServer(tmp_path / "redis.log", port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def token_for(make_user: Callable[..., Any]) -> Callable[[str], str]:
    from rest_framework.authtoken.models import Token

    def make(role: str) -> str:
        return str(Token.objects.create(user=make_user(role)).key)

    return make


def sweeping_worker(tmp_path: Path, redis: RedisServer, name: str = "worker") -> CeleryWorker:
    """A worker with beat (the sweeper) on the private Redis, not yet started."""
    return CeleryWorker(tmp_path / f"{name}.log", beat=True, redis_url=redis.url, **FAST_SWEEPER)
