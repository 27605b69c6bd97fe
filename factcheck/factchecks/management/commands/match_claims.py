"""python manage.py match_claims FILE --top K --format jsonl

FILE holds one JSON object a line, {"id": ..., "text": ...} (optionally "claimant" and
"year"). Prints one line per input, in order:
{"id": ..., "matches": [{"url", "claim_reviewed", "rating", "publisher", "date", "score"}]},
best match first. A line that is not such an object prints {"id": ..., "error": "..."}
and the command exits 1 at the end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck.factchecks.matching import match

MATCH_KEYS = ("url", "claim_reviewed", "rating", "publisher", "date", "score")


class Command(BaseCommand):
    help = "Match claims (JSONL of {id, text}) against the fact-checks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="JSON Lines; - reads standard input")
        parser.add_argument("--top", type=int, default=5, metavar="K")
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")

    def handle(self, *args: Any, **options: Any) -> None:
        top = options["top"]
        if not 1 <= top <= 100:
            raise CommandError("--top must be between 1 and 100")
        name = options["file"]
        if name == "-":
            import sys

            lines = sys.stdin.read().splitlines()
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            lines = path.read_text("utf-8").splitlines()
        failed = False
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            out = self._one(line, number, top)
            failed = failed or "error" in out
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        if failed:
            raise SystemExit(1)

    def _one(self, line: str, number: int, top: int) -> dict[str, Any]:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            return {"id": None, "line": number, "error": f"not valid JSON ({error.msg})"}
        if not isinstance(record, dict):
            return {"id": None, "line": number, "error": "each line must be a JSON object"}
        text = record.get("text")
        if not isinstance(text, str):
            return {"id": record.get("id"), "line": number, "error": "text: must be a string"}
        year = record.get("year")
        matches = match(
            text,
            top=top,
            claimant=str(record.get("claimant") or ""),
            year=year if isinstance(year, int) else None,
        )
        return {
            "id": record.get("id"),
            "matches": [{k: m.as_json()[k] for k in MATCH_KEYS} for m in matches],
        }
