"""Keeping the match index in step with the fact-check rows: the analysed terms on each
row (what PostgreSQL's GIN index or SQLite's FTS5 table searches), the document
frequency of every term and the totals. Every write of a FactCheck goes through here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from . import text
from .models import FactCheck, MatchStats, MatchTerm

FTS_TABLE = "factchecks_fts"  # SQLite only: FTS5 over search_text, rowid = FactCheck id


def analysed_fields(claim_reviewed: str, title: str, claimant: str) -> dict[str, str]:
    """The derived matching fields of a fact-check."""
    claim = text.analyse(claim_reviewed)
    headline = text.terms(title) if title and title != claim_reviewed else []
    return {
        "search_text": " ".join(claim.terms + headline),
        "match_entities": " ".join(sorted(claim.entities | text.entities(claimant))),
        "match_numbers": " ".join(sorted(claim.numbers)),
    }


def set_analysed(factcheck: FactCheck) -> None:
    for name, value in analysed_fields(
        factcheck.claim_reviewed, factcheck.title, factcheck.claimant
    ).items():
        setattr(factcheck, name, value)


def indexed(factcheck: FactCheck) -> bool:
    """Whether the row counts in matching: imported ones always, ours while published."""
    return factcheck.withdrawn_at is None


@dataclass
class Change:
    """One row's terms before and after a write (None: not indexed then)."""

    pk: int
    before: str | None
    after: str | None


def apply(changes: Sequence[Change]) -> None:
    """Update term frequencies, totals and (on SQLite) the FTS table for these writes.
    Call inside the transaction that wrote the rows."""
    delta: Counter[str] = Counter()
    ndoc = nterms = 0
    for change in changes:
        if change.before == change.after:
            continue
        if change.before is not None:
            terms = change.before.split()
            delta.subtract(set(terms))
            ndoc -= 1
            nterms -= len(terms)
        if change.after is not None:
            terms = change.after.split()
            delta.update(set(terms))
            ndoc += 1
            nterms += len(terms)
    _add_terms({t: n for t, n in delta.items() if n})
    if ndoc or nterms:
        table = MatchStats._meta.db_table
        with connection.cursor() as cursor:  # an upsert: two first imports may race
            cursor.execute(
                f"INSERT INTO {table} (id, ndoc, nterms) VALUES (1, %s, %s) ON CONFLICT (id) "
                f"DO UPDATE SET ndoc = {table}.ndoc + excluded.ndoc, "
                f"nterms = {table}.nterms + excluded.nterms",
                [ndoc, nterms],
            )
    if connection.vendor == "sqlite":
        _sqlite_fts([c for c in changes if c.before != c.after])


def _add_terms(delta: dict[str, int]) -> None:
    if not delta:
        return
    table = MatchTerm._meta.db_table
    rows = sorted(delta.items())  # a fixed order: concurrent imports lock rows alike
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (term, ndoc) VALUES {values} "
                f"ON CONFLICT (term) DO UPDATE SET ndoc = {table}.ndoc + excluded.ndoc",
                [v for row in chunk for v in row],
            )


def _sqlite_fts(changes: Iterable[Change]) -> None:
    with connection.cursor() as cursor:
        for change in changes:
            if change.before is not None:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [change.pk])
            if change.after is not None:
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, search_text) VALUES (%s, %s)",
                    [change.pk, change.after],
                )


def rebuild() -> int:
    """Recompute every derived field and statistic from the rows (after an analyser
    change). Returns the number of indexed fact-checks."""
    MatchTerm.objects.all().delete()
    MatchStats.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    changes = []
    batch: list[FactCheck] = []
    for factcheck in FactCheck.objects.order_by("pk").iterator(chunk_size=2000):
        set_analysed(factcheck)
        batch.append(factcheck)
        if indexed(factcheck):
            changes.append(Change(factcheck.pk, None, factcheck.search_text))
        if len(batch) == 2000:
            _save_derived(batch)
            batch = []
    _save_derived(batch)
    apply(changes)
    return len(changes)


def _save_derived(batch: list[FactCheck]) -> None:
    FactCheck.objects.bulk_update(batch, ["search_text", "match_entities", "match_numbers"])
