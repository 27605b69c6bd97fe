"""Carry the pre-tagger's candidates over a correction, so the re-run (which matches
stored rows by kind, start and end) finds them and a reviewer's accept/dismiss decision
survives: each candidate's span is mapped through the diff of the old and new texts.

A span whose text changed or vanished is not moved: an open one is dropped (the re-run
finds what is there now), a decided one stays as it is, with its decision."""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from factcheck.claims.anchoring import Anchor, describe, reanchor_many
from factcheck.tagging.models import Candidate, CandidateStatus

# Moved rows are parked this far out first, so no two rows ever hold one span mid-update.
_PARK = 1_000_000_000


def carry_candidates(article_id: int, old_text: str, new_text: str) -> dict[str, int]:
    """Move the article's candidates onto `new_text`; returns counts (moved, dropped)."""
    fields = ("kind", "start", "end", "text", "status")
    rows = list(Candidate.objects.filter(article_id=article_id).only(*fields))
    if not rows:
        return {"moved": 0, "dropped": 0}
    # Rows whose span still reads their text on the old text (a stale decided row may not).
    usable = [r for r in rows if old_text[r.start : r.end] == r.text and r.start < r.end]
    anchors: list[Anchor] = [describe(old_text, r.start, r.end) for r in usable]
    results = reanchor_many(new_text, anchors, old_text=old_text)
    moves: dict[int, tuple[int, int]] = {}
    placed = set()
    for row, result in zip(usable, results, strict=True):
        if result.status in ("exact", "moved") and result.anchor.exact == row.text:
            placed.add(row.pk)
            if (result.anchor.start, result.anchor.end) != (row.start, row.end):
                moves[row.pk] = (result.anchor.start, result.anchor.end)
    drop = {r.pk for r in rows if r.pk not in placed and r.status == CandidateStatus.OPEN}
    _cancel_collisions(rows, moves, drop)
    if drop:
        Candidate.objects.filter(pk__in=list(drop)).delete()
    if moves:
        Candidate.objects.filter(pk__in=list(moves)).update(
            start=F("start") + _PARK, end=F("end") + _PARK
        )
        quote = connection.ops.quote_name
        sql = "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s".format(
            quote(Candidate._meta.db_table), quote("start"), quote("end"), quote("id")
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(s, e, pk) for pk, (s, e) in moves.items()])
    return {"moved": len(moves), "dropped": len(drop)}


def _cancel_collisions(
    rows: list[Candidate], moves: dict[int, tuple[int, int]], drop: set[int]
) -> None:
    """Leave a row where it is when its new span is another row's (kind, start, end)."""
    kinds = {r.pk: r.kind for r in rows}
    while True:
        staying = {(r.kind, r.start, r.end) for r in rows if r.pk not in moves and r.pk not in drop}
        seen: set[tuple[str, int, int]] = set()
        clash = None
        for pk, (start, end) in moves.items():
            key = (kinds[pk], start, end)
            if key in staying or key in seen:
                clash = pk
                break
            seen.add(key)
        if clash is None:
            return
        del moves[clash]
