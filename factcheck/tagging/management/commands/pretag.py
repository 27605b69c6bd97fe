"""`manage.py pretag PATH [PATH ...] --format json|jsonl`: run the extractor on UTF-8 text
files and print DESIGN.md's pre-tagging JSON, without touching the database.
`manage.py pretag --pending`: re-enqueue articles whose tagging is still pending (what the
periodic sweeper does), by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def read_text(path: str) -> str:
    """The file's text as the contract reads it: UTF-8, `\\r\\n` read as `\\n`."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 (byte {error.start})") from error
    return text.replace("\r\n", "\n")


class Command(BaseCommand):
    help = "Pre-tag text files (prints JSON), or re-enqueue pending articles (--pending)."
    # Pre-tagging files needs neither the database nor the system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="UTF-8 text files")
        parser.add_argument(
            "--format",
            choices=["json", "jsonl"],
            default=None,
            help="json (default for one file) or jsonl (one line per file; default for many)",
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="re-enqueue articles still queued (or stuck running) instead",
        )
        parser.add_argument(
            "--older-than",
            type=float,
            default=0.0,
            metavar="SECONDS",
            help="with --pending: only articles queued for longer than this (default 0)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["pending"]:
            if options["paths"]:
                raise CommandError("Give either PATHs or --pending, not both.")
            self._pending(options["older_than"])
            return
        paths: list[str] = options["paths"]
        if not paths:
            raise CommandError("Give at least one PATH (or --pending).")
        fmt = options["format"] or ("json" if len(paths) == 1 else "jsonl")
        if fmt == "json" and len(paths) > 1:
            raise CommandError("--format json takes one PATH; use --format jsonl for several.")
        from factcheck.tagging.extract import extract, to_json

        texts = [(path, read_text(path)) for path in paths]  # all readable before printing
        for path, text in texts:
            body = to_json(extract(text))
            if fmt == "json":
                self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            else:
                line = {"path": path, **body}
                self.stdout.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))

    def _pending(self, older_than: float) -> None:
        from factcheck.tagging.services import pending_articles, sweep_pending

        waiting = len(pending_articles(older_than))
        enqueued = sweep_pending(older_than=older_than)
        self.stdout.write(f"{enqueued} of {waiting} pending article(s) enqueued for tagging.")
        if enqueued < waiting:
            raise CommandError("The broker did not take them all; the rest stay queued.")
