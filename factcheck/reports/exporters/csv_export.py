"""CSV: one row per claim; citations in one cell as "stance: source <url> — excerpt" lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from .base import ExportContext
from .rows import Row, claim_record

COLUMNS = [
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "start",
    "end",
    "exact",
    "claim",
    "claimant",
    "claim_date",
    "verdict",
    "rating_value",
    "rationale",
    "citations",
    "status",
    "reviewer",
    "editor",
    "submitted_at",
    "approved_at",
    "published_at",
]


def citations_cell(citations: list[dict[str, str]]) -> str:
    return "\n".join(
        f"{c['stance']}: {c['source']} <{c['url']}> — {c['excerpt']}".strip() for c in citations
    )


class CsvExporter:
    name = "csv"
    media_type = "text/csv; charset=utf-8"
    extension = "csv"
    published_only = False

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for n, claim in enumerate(claims, 1):
            record = claim_record(claim)
            record["citations"] = citations_cell(record["citations"])
            writer.writerow(["" if record[c] is None else record[c] for c in COLUMNS])
            # Hand the text on every few hundred rows: fewer, larger chunks stream faster.
            if n % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
