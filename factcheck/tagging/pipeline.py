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

from . import bulk_writes
from .models import Candidate, CandidateStatus

DATA_KEYS = ("value", "unit", "qualifier", "speaker", "source")
# Fields a re-run may refresh on a stored row; the decision fields are never touched.
REFRESHED = ("text", "data", "score", "checkable", "sentence", "tagger_version")

Extractor = Callable[[str], Any]


@dataclass(frozen=True)
class TagOutcome:
    article_id: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0
    found: bool = True
    skipped: bool = False  # done already (skip_done)


def default_extractor(text: str) -> Any:
    from .extract import extract

    return extract(text)


def tag_article_now(article_id: int, extractor: Extractor | None = None) -> TagOutcome:
    """Tag one article now, in this process (see tag_articles_now)."""
    return tag_articles_now([article_id], extractor)[0]


def tag_articles_now(
    article_ids: list[int],
    extractor: Extractor | None = None,
    *,
    skip_done: bool = False,
    pick_up: int = 0,
) -> list[TagOutcome]:
    """Tag articles now, in this process, with a fixed number of queries per batch. Safe to
    run any number of times, also concurrently: the writes happen under the locks of the
    article rows, taken in id order.

    The tasks' options: `skip_done` leaves articles already done (every request to re-tag
    marks an article queued first, so a done article's task is a duplicate); `pick_up`
    also tags up to that many other queued articles, oldest first, that no other worker
    has taken, so a backlog of one-article tasks is tagged in batches (their own tasks
    then find them done). Outcomes are for `article_ids` only."""
    extractor = extractor or default_extractor
    ids = sorted(set(article_ids))
    with transaction.atomic():
        _relaxed_commit()
        texts = _mark_running(ids, skip_done, pick_up)
    outcomes = {pk: TagOutcome(pk, found=False) for pk in ids}
    outcomes.update({pk: TagOutcome(pk, skipped=True) for pk in skipped(ids, texts, skip_done)})
    for _attempt in range(3):
        if not texts:
            break
        results = {pk: (text_hash, extractor(text)) for pk, (text, text_hash) in texts.items()}
        with transaction.atomic():
            _relaxed_commit()
            current = dict(
                Article.objects.select_for_update()
                .filter(pk__in=list(results))
                .order_by("pk")
                .values_list("pk", "content_hash")
            )
            # Only while the text is still the one just tagged; a revision saved meanwhile
            # is tagged on the next pass.
            ready = {pk: res for pk, (h, res) in results.items() if current.get(pk) == h}
            outcomes.update(store_candidates_many(ready))
            _mark_done(ready)
        revised = [pk for pk in results if pk in current and pk not in ready]
        texts = {
            pk: (text, text_hash)
            for pk, text, text_hash in Article.objects.filter(pk__in=revised).values_list(
                "pk", "text", "content_hash"
            )
        }
    if texts:
        raise RuntimeError(f"Articles {sorted(texts)} changed during each tagging attempt.")
    return [outcomes[pk] for pk in article_ids]


def skipped(ids: list[int], texts: dict[int, Any], skip_done: bool) -> list[int]:
    """Of `ids`, those left alone because they were done already."""
    if not skip_done:
        return []
    left = [pk for pk in ids if pk not in texts]
    return list(
        Article.objects.filter(pk__in=left, tagging_status=TaggingStatus.DONE).values_list(
            "pk", flat=True
        )
    )


def _relaxed_commit() -> None:
    """Candidates and the tagging state are derived data: a crash that loses the last
    commits leaves the article queued/running, which the sweeper re-tags. So do not wait
    for the WAL flush (PostgreSQL's synchronous_commit, for this transaction only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _mark_running(ids: list[int], skip_done: bool, pick_up: int) -> dict[int, tuple[str, str]]:
    """Mark the articles running (see tag_articles_now for the options) and read their
    texts (UPDATE ... RETURNING, PostgreSQL and SQLite >= 3.35). {id: (text, content_hash)}

    Lock order: the task's own rows first, in id order (the only place it may wait), then
    the picked-up ones, which SKIP LOCKED never waits for. A worker that waited while
    holding rows another was waiting for would deadlock (seen in tests/scale)."""
    if not ids:
        return {}
    qn = connection.ops.quote_name

    def column(name: str) -> str:
        return qn(str(Article._meta.get_field(name).column))  # type: ignore[union-attr]

    table, pk, status = qn(Article._meta.db_table), column("id"), column("tagging_status")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    marks = ", ".join(["%s"] * len(ids))
    where = f"{pk} IN ({marks})"
    params: list[Any] = [*ids]
    if skip_done:
        where, params = f"{where} AND {status} <> %s", [*params, TaggingStatus.DONE.value]
    if pick_up > 0:
        # SKIP LOCKED: two workers picking up at once take different articles.
        lock = (
            " FOR UPDATE SKIP LOCKED"
            if connection.features.has_select_for_update_skip_locked
            else ""
        )
        where = (
            f"({where}) OR {pk} IN (SELECT {pk} FROM {table} WHERE {status} = %s "
            f"AND {pk} NOT IN ({marks}) ORDER BY {column('tagging_queued_at')}, {pk} "
            f"LIMIT %s{lock})"
        )
        params += [TaggingStatus.QUEUED.value, *ids, pick_up]
    sql = (
        f"UPDATE {table} SET {status} = %s, {column('tagging_started_at')} = %s "
        f"WHERE {where} RETURNING {pk}, {column('text')}, {column('content_hash')}"
    )
    with connection.cursor() as cursor:
        if connection.features.has_select_for_update and (pick_up > 0 or len(ids) > 1):
            lock_own = f"SELECT {pk} FROM {table} WHERE {pk} IN ({marks}) ORDER BY {pk} FOR UPDATE"
            cursor.execute(lock_own, ids)
        cursor.execute(sql, [TaggingStatus.RUNNING.value, now, *params])
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def _mark_done(results: dict[int, Any]) -> None:
    """One UPDATE for the batch."""
    rows = [
        (pk, result.tagger_version, [[s.start, s.end, s.score] for s in result.sentences])
        for pk, result in results.items()
    ]
    bulk_writes.mark_done(rows, timezone.now())


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
        "checkable": float(getattr(cand, "checkable", 1.0)),
        "sentence": int(cand.sentence or 0),
        "tagger_version": tagger_version,
    }


def store_candidates(article_id: int, result: Any) -> TagOutcome:
    """Make the stored candidates of one article match `result`."""
    return store_candidates_many({article_id: result})[article_id]


def store_candidates_many(results: dict[int, Any]) -> dict[int, TagOutcome]:
    """Make the stored candidates of each article match its extraction result (call
    inside a transaction that holds the articles' row locks): one read, then at most one
    insert (COPY on PostgreSQL), one update and one delete for the whole batch."""
    if not results:
        return {}
    stored: dict[int, dict[tuple[str, int, int], Candidate]] = {pk: {} for pk in results}
    for row in Candidate.objects.filter(article_id__in=list(results)):
        stored[row.article_id][(row.kind, row.start, row.end)] = row
    fresh: list[bulk_writes.CandidateRow] = []
    changed: list[Candidate] = []
    gone: list[int] = []
    outcomes = {}
    for article_id, result in results.items():
        wanted: dict[tuple[str, int, int], dict[str, Any]] = {}
        for cand in result.candidates:
            key = (str(cand.kind), int(cand.start), int(cand.end))
            wanted.setdefault(key, candidate_fields(cand, result.tagger_version))
        have = stored[article_id]
        new = [
            (
                article_id,
                *key,
                f["text"],
                f["data"],
                f["score"],
                f["checkable"],
                f["sentence"],
                f["tagger_version"],
            )
            for key, f in wanted.items()
            if key not in have
        ]
        updated = 0
        for key, row in have.items():
            fields = wanted.get(key)
            if fields is None or all(getattr(row, name) == fields[name] for name in REFRESHED):
                continue
            for name in REFRESHED:
                setattr(row, name, fields[name])
            changed.append(row)
            updated += 1
        unwanted = [row for key, row in have.items() if key not in wanted]
        removed = [row.pk for row in unwanted if row.status == CandidateStatus.OPEN]
        fresh += new
        gone += removed
        # Decided rows the tagger no longer finds stay (kept) with their decision.
        outcomes[article_id] = TagOutcome(
            article_id, len(new), updated, len(removed), len(unwanted) - len(removed)
        )
    bulk_writes.insert_candidates(fresh, timezone.now())
    if changed:
        Candidate.objects.bulk_update(changed, list(REFRESHED), batch_size=500)
    if gone:
        Candidate.objects.filter(pk__in=gone).delete()
    return outcomes
