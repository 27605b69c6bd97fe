"""Runs the extractor over an article and stores its candidates, idempotently.

Candidates are matched to the rows already stored by (kind, start, end): a re-run (a
redelivered task, a new tagger version) updates matched rows in place, adds new ones and
removes open ones the tagger no longer finds. Rows a reviewer accepted or dismissed are
never removed and keep their decision, so a decision survives any re-run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from factcheck.articles.models import Article, TaggingStatus

from .models import Candidate, CandidateStatus

DATA_KEYS = ("value", "unit", "qualifier", "speaker", "source")
# Fields a re-run may refresh on a stored row; the decision fields are never touched.
REFRESHED = ("text", "data", "score", "sentence", "tagger_version")

Extractor = Callable[[str], Any]


@dataclass(frozen=True)
class TagOutcome:
    article_id: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0
    found: bool = True


def default_extractor(text: str) -> Any:
    from .extract import extract

    return extract(text)


def tag_article_now(article_id: int, extractor: Extractor | None = None) -> TagOutcome:
    """Tag one article now, in this process. Safe to run any number of times, also two at
    once: the writes happen under the lock of the article row."""
    extractor = extractor or default_extractor
    with transaction.atomic():
        _relaxed_commit()
        row = _mark_running(article_id)
    if row is None:
        return TagOutcome(article_id, found=False)
    text, text_hash = row
    for _attempt in range(3):
        result = extractor(text)
        with transaction.atomic():
            _relaxed_commit()
            # This UPDATE takes the row lock that serialises runs of the same article, and
            # matches only while the text is still the one just tagged.
            finished = Article.objects.filter(pk=article_id, content_hash=text_hash).update(
                tagging_status=TaggingStatus.DONE,
                tagging_finished_at=timezone.now(),
                tagging_error="",
                tagger_version=result.tagger_version,
                sentences=[[s.start, s.end, s.score] for s in result.sentences],
            )
            if finished:
                return store_candidates(article_id, result)
        # Revised (or deleted) while we extracted: tag the text that is there now.
        current = Article.objects.filter(pk=article_id).values_list("text", "content_hash")
        if not current:
            return TagOutcome(article_id, found=False)
        text, text_hash = current[0]
    raise RuntimeError(f"Article {article_id} changed during each of 3 tagging attempts.")


def _relaxed_commit() -> None:
    """Candidates and the tagging state are derived data: a crash that loses the last
    commits leaves the article queued/running, which the sweeper re-tags. So do not wait
    for the WAL flush (PostgreSQL's synchronous_commit, for this transaction only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _mark_running(article_id: int) -> tuple[str, str] | None:
    """Mark the article running and read its text: one round trip (UPDATE ... RETURNING,
    PostgreSQL and SQLite >= 3.35)."""
    qn = connection.ops.quote_name

    def column(name: str) -> str:
        return str(Article._meta.get_field(name).column)  # type: ignore[union-attr]

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql = (
        f"UPDATE {qn(Article._meta.db_table)} SET {qn(column('tagging_status'))} = %s, "
        f"{qn(column('tagging_started_at'))} = %s WHERE {qn(column('id'))} = %s "
        f"RETURNING {qn(column('text'))}, {qn(column('content_hash'))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [TaggingStatus.RUNNING.value, now, article_id])
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def candidate_fields(cand: Any, tagger_version: str) -> dict[str, Any]:
    data = {key: getattr(cand, key, None) for key in DATA_KEYS}
    # As in the pretag JSON: a quote always has `speaker`, an attribution `source`, a
    # number `value` (maybe null); other keys only when set.
    always = {"number": "value", "quote": "speaker", "attribution": "source"}.get(cand.kind)
    data = {key: value for key, value in data.items() if value is not None or key == always}
    extra = getattr(cand, "extra", None)
    if extra:
        data["extra"] = extra
    return {
        "text": cand.text,
        "data": data,
        "score": float(cand.score),
        "sentence": int(cand.sentence or 0),
        "tagger_version": tagger_version,
    }


def store_candidates(article_id: int, result: Any) -> TagOutcome:
    """Make the stored candidates of the article match `result` (call inside a
    transaction that holds the article row's lock)."""
    wanted: dict[tuple[str, int, int], dict[str, Any]] = {}
    for cand in result.candidates:
        key = (str(cand.kind), int(cand.start), int(cand.end))
        wanted.setdefault(key, candidate_fields(cand, result.tagger_version))
    stored = {(c.kind, c.start, c.end): c for c in Candidate.objects.filter(article_id=article_id)}

    fresh = [
        Candidate(article_id=article_id, kind=k[0], start=k[1], end=k[2], **fields)
        for k, fields in wanted.items()
        if k not in stored
    ]
    changed = []
    for key, row in stored.items():
        fields = wanted.get(key)
        if fields is None or all(getattr(row, name) == fields[name] for name in REFRESHED):
            continue
        for name in REFRESHED:
            setattr(row, name, fields[name])
        changed.append(row)
    unwanted = [row for key, row in stored.items() if key not in wanted]
    gone = [row.pk for row in unwanted if row.status == CandidateStatus.OPEN]
    if fresh:
        Candidate.objects.bulk_create(fresh)
    if changed:
        Candidate.objects.bulk_update(changed, list(REFRESHED))
    if gone:
        Candidate.objects.filter(pk__in=gone).delete()
    kept = len(unwanted) - len(gone)  # decided rows the tagger no longer finds stay
    return TagOutcome(article_id, len(fresh), len(changed), len(gone), kept)
