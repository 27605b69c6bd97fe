"""Is PostgreSQL / Redis answering? Used to pick the embedded defaults and to report."""

from __future__ import annotations

import socket


def answers(host: str, port: int, timeout: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
