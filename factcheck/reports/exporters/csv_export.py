"""CSV: one row per claim; citations in one cell as "stance: source <url> (locator) — excerpt"
lines (a part the citation lacks is left out), and their captures (hash, time, link to the
stored copy) in cells of matching lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .base import ExportContext
from .rows import Row, claim_text

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
    "evidence_sha256",
    "evidence_fetched_at",
    "evidence_copy",
    "approval_override",
    "status",
    "reviewer",
    "editor",
    "submitted_at",
    "approved_at",
    "published_at",
]


def citation_line(c: dict[str, Any]) -> str:
    """ "supports: CNBC <https://…> (p. 3) — excerpt": the parts a citation has, no empty
    brackets for a missing URL, and the locator kept."""
    where = " ".join(
        part
        for part in (
            str(c.get("source") or ""),
            f"<{c['url']}>" if c.get("url") else "",
            f"({c['locator']})" if c.get("locator") else "",
        )
        if part
    )
    line = f"{c['stance']}: {where}".rstrip()
    return f"{line} — {c['excerpt']}" if c.get("excerpt") else line


def citations_cell(citations: list[dict[str, Any]]) -> str:
    return "\n".join(citation_line(c) for c in citations)


# One line per citation, in the order of the citations cell ("" where nothing was captured).
EVIDENCE_COLUMNS = {
    "evidence_sha256": "sha256",
    "evidence_fetched_at": "fetched_at",
    "evidence_copy": "copy_url",
}


def evidence_cell(citations: list[dict[str, Any]], key: str) -> str:
    return "\n".join(str(_text(c[key])) for c in citations)


# A spreadsheet runs a cell that begins with one of these as a formula
# (=HYPERLINK(...) leaks data, =cmd|... ran programs): OWASP's CSV injection advice is to
# prefix such a cell with a single quote, which shows as text and runs nothing.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    # Numbers (ids, offsets, rating values) are written as numbers: "-1" is a number,
    # not a formula, and a quote would change it.
    return value.isoformat() if hasattr(value, "isoformat") else value


def csv_values(row: Row) -> list[object]:
    """The COLUMNS of one row, straight from the export row (the hot loop of a big export:
    no intermediate record)."""
    values: list[object] = []
    for column in COLUMNS:
        if column == "claim":
            values.append(neutralise(claim_text(row)))
        elif column == "citations":
            values.append(neutralise(citations_cell(row["citations"])))
        elif column in EVIDENCE_COLUMNS:
            values.append(evidence_cell(row["citations"], EVIDENCE_COLUMNS[column]))
        else:
            values.append(_text(row[column]))
    return values


class CsvExporter:
    name = "csv"
    media_type = "text/csv; charset=utf-8"
    extension = "csv"
    published_only = False

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for n, row in enumerate(claims, 1):
            writer.writerow(csv_values(row))
            # Hand the text on every few hundred rows: fewer, larger chunks stream faster.
            if n % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
