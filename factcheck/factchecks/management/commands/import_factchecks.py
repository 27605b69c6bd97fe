"""python manage.py import_factchecks FILE [FILE ...]

Imports ClaimReview JSON-LD (.json/.jsonld: an object, a list, @graph or a DataFeed),
JSON Lines (.jsonl) or CSV (.csv) fact-checks, de-duplicated by URL. Prints one summary
line per file and one line per bad row; exits 1 when any row or file failed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.exceptions import ValidationError

from factcheck.factchecks import claimreview
from factcheck.factchecks.imports import import_rows


class Command(BaseCommand):
    help = "Import fact-checks (ClaimReview JSON-LD, JSONL, DataFeed or CSV), de-duplicated by URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="One JSON summary line per file.")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = False
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            try:
                rows = claimreview.read(path.name, path.read_bytes())
                counts = import_rows(rows)
            except ValidationError as error:
                raise CommandError(f"{name}: {_message(error.detail)}") from error
            failed = failed or bool(counts["errors"])
            if options["json"]:
                self.stdout.write(json.dumps({"file": name, **counts}, ensure_ascii=False))
                continue
            self.stdout.write(
                f"{name}: {counts['processed']} rows, {counts['imported']} imported, "
                f"{counts['updated']} updated, {counts['duplicates']} duplicates, "
                f"{len(counts['errors'])} errors"
            )
            for problem in counts["errors"]:
                self.stderr.write(
                    f"{name}: row {problem['row']}: {problem['field']}: {problem['error']}"
                )
        if failed:
            raise SystemExit(1)


def _message(detail: Any) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{k}: {_message(v)}" for k, v in detail.items())
    if isinstance(detail, list):
        return " ".join(str(d) for d in detail)
    return str(detail)
