"""Serves the single-page frontend: the HTML shell that loads Vite's hashed bundle."""

from __future__ import annotations

import json
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie


@lru_cache(maxsize=1)
def _manifest_entry() -> dict[str, object]:
    manifest = settings.FRONTEND_DIST / ".vite" / "manifest.json"
    if not manifest.exists():
        return {}
    entries = json.loads(manifest.read_text())
    return dict(entries.get("src/main.tsx", {}))


@ensure_csrf_cookie
def spa(request: HttpRequest, path: str = "") -> HttpResponse:
    entry = _manifest_entry()
    if settings.DEBUG:
        _manifest_entry.cache_clear()
    return render(
        request,
        "core/spa.html",
        {"script": entry.get("file"), "styles": entry.get("css", []), "built": bool(entry)},
    )
