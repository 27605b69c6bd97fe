"""python manage.py export_verdicts --format csv|json|claimreview|webannotation|html|pdf
[filters] -o FILE — the same exporters and filters as the API, with a progress line."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.exceptions import ValidationError

from factcheck.reports import services
from factcheck.reports.exporters import EXPORTERS

FILTER_OPTIONS = [
    ("article", "article id(s), comma-separated"),
    ("outlet", "outlet name (case-insensitive)"),
    ("status", "state(s): draft, in_review, returned, approved, published"),
    ("verdict", "verdict slug(s) or id(s)"),
    ("reviewer", "the reviewer's username or id"),
    ("date_from", "YYYY-MM-DD, inclusive"),
    ("date_to", "YYYY-MM-DD, inclusive"),
    ("date_field", "created (default), submitted, approved, published or article"),
    ("min_age_days", "in its state for at least this many days"),
]


class Command(BaseCommand):
    help = "Export verdicts over a filter to a file (CSV, JSON Lines, ClaimReview, ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=sorted(EXPORTERS))
        parser.add_argument("-o", "--output", required=True, help="file to write; - for stdout")
        for name, text in FILTER_OPTIONS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=text)
        parser.add_argument("--state", dest="status", help="alias of --status")
        parser.add_argument("--quiet", action="store_true", help="no progress line")

    def handle(self, *args: Any, **options: Any) -> None:
        filters = {name: options[name] for name, _ in FILTER_OPTIONS if options.get(name)}
        fmt = options["format"]
        show = not options["quiet"] and options["output"] != "-"
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if show:
                share = f" ({done * 100 // total}%)" if total else ""
                self.stderr.write(f"\rexported {done:,}/{total:,}{share}", ending="")
                self.stderr.flush()

        try:
            if options["output"] == "-":
                context = services.write_export(fmt, filters, sys.stdout.buffer, None)
            else:
                with open(options["output"], "wb") as out:
                    context = services.write_export(fmt, filters, out, progress)
        except ValidationError as error:
            raise CommandError(f"bad filter: {error.detail}") from error
        if show:
            self.stderr.write("")
        for warning in context.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        if show:
            self.stderr.write(
                f"{context.total:,} claims → {options['output']} "
                f"({time.monotonic() - started:.2f} s)"
            )
