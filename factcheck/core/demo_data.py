"""The demo: users for each role, a handful of sources and the demo article. Safe to run
again: it changes nothing that is already there (passwords are reset to the demo ones)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from factcheck.accounts.models import User
from factcheck.articles.imports import from_paste
from factcheck.articles.models import Article
from factcheck.articles.services import create_article
from factcheck.core.reference_data import ensure_reference_data
from factcheck.sources.models import Source
from factcheck.tagging.services import retag_if_stale

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_TITLE = "Trump and Xi agree to restart trade talks after 90-minute call"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str


def demo_users() -> list[DemoUser]:
    return [
        DemoUser(
            role,
            os.environ.get(f"FACTCHECK_DEMO_{role.upper()}_PASSWORD", f"{role}-demo-pass"),
            role,
        )
        for role in ("reviewer", "editor", "admin")
    ]


@transaction.atomic
def load_demo() -> tuple[list[DemoUser], Article]:
    ensure_reference_data()
    users = demo_users()
    for demo in users:
        user, _ = User.objects.get_or_create(
            username=demo.username,
            defaults={"first_name": demo.role.capitalize(), "last_name": "Demo"},
        )
        user.set_password(demo.password)
        user.is_staff = demo.role == "admin"
        user.is_superuser = demo.role == "admin"
        user.save()
        user.groups.add(Group.objects.get(name=demo.role))
    for row in json.loads((DEMO_DIR / "sources.json").read_text()):
        Source.objects.get_or_create(
            domain=row["domain"],
            defaults={**row, "homepage": f"https://{row['domain']}/", "status": "approved"},
        )
    text = (DEMO_DIR / "trump-xi-trade-call.txt").read_text(encoding="utf-8")
    # Imported as a reviewer would paste it: the page cruft is dropped, the byline becomes
    # the author, and the original is kept.
    article, created = create_article(
        from_paste(text=text, title=DEMO_TITLE, outlet="Demo outlet"),
        User.objects.get(username="reviewer"),
    )
    if not created:  # still queued or failed from an earlier run: the worker tags it now
        retag_if_stale(article)
    return users, article
