"""One claim as the flat record the CSV and JSON Lines exports and the report show, made
from a row of claims.selectors.export_rows (plain values, no queries)."""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]

RECORD_FIELDS = [
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "article_published_at",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "anchor_status",
    "claim",
    "claimant",
    "claim_date",
    "verdict",
    "verdict_slug",
    "rating_value",
    "rationale",
    "citations",
    "status",
    "reviewer",
    "editor",
    "assignee",
    "created_at",
    "submitted_at",
    "approved_at",
    "published_at",
    "approval_override",
    "version",
]
DATES = (
    "article_published_at",
    "claim_date",
    "created_at",
    "submitted_at",
    "approved_at",
    "published_at",
)


def claim_text(row: Row) -> str:
    """The claim as checked: the reviewer's restatement, else the quoted text."""
    return str(row["statement"] or row["exact"]).strip()


def claim_record(row: Row) -> dict[str, Any]:
    record = {name: row.get(name) for name in RECORD_FIELDS}
    record["claim"] = claim_text(row)
    for name in DATES:
        value = record[name]
        if value is not None:
            record[name] = value.isoformat()
    for name in ("verdict", "verdict_slug", "reviewer", "editor", "assignee"):
        record[name] = record[name] or ""
    record["citations"] = [citation_record(c) for c in row["citations"]]
    return record


def citation_record(citation: dict[str, Any]) -> dict[str, Any]:
    """A citation with its capture: the stored copy's hash, when it was fetched, the link."""
    record = {k: citation[k] for k in ("source", "url", "excerpt", "stance", "locator")}
    fetched_at = citation["fetched_at"]
    record["capture"] = (
        {
            "status": citation["capture_status"],
            "excerpt_found": citation["excerpt_found"],
            "sha256": citation["sha256"],
            "fetched_at": fetched_at.isoformat() if fetched_at else None,
            "copy_url": citation["copy_url"],
        }
        if citation["capture_status"]
        else None
    )
    return record
