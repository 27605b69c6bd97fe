"""JSON Lines: one JSON object per claim, everything the row has (citations as a list)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .base import ExportContext
from .rows import Row, claim_record


class JsonLinesExporter:
    name = "json"
    media_type = "application/jsonl; charset=utf-8"
    extension = "jsonl"
    published_only = False

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[str]:
        for claim in claims:
            yield json.dumps(claim_record(claim), ensure_ascii=False) + "\n"
