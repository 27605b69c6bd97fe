"""Runs the extractor over an article and stores its candidates (idempotent)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from factcheck.articles.models import Article, TaggingStatus

from .models import Candidate, CandidateStatus


def tag_article_now(article_id: int) -> None:
    from .extract import TAGGER_VERSION, extract

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return
    Article.objects.filter(pk=article_id).update(
        tagging_status=TaggingStatus.RUNNING, tagging_started_at=timezone.now()
    )
    result = extract(article.text)
    with transaction.atomic():
        decided = {
            (c.kind, c.start, c.end): c
            for c in Candidate.objects.filter(article_id=article_id).exclude(
                status=CandidateStatus.OPEN
            )
        }
        Candidate.objects.filter(article_id=article_id, status=CandidateStatus.OPEN).delete()
        fresh = []
        for cand in result.candidates:
            if (cand.kind, cand.start, cand.end) in decided:
                continue
            data = {
                key: getattr(cand, key)
                for key in ("value", "unit", "qualifier", "speaker", "source")
                if getattr(cand, key, None) is not None
            }
            fresh.append(
                Candidate(
                    article_id=article_id,
                    kind=cand.kind,
                    start=cand.start,
                    end=cand.end,
                    text=cand.text,
                    data=data,
                    score=cand.score,
                    sentence=cand.sentence,
                    tagger_version=TAGGER_VERSION,
                )
            )
        Candidate.objects.bulk_create(fresh)
        Article.objects.filter(pk=article_id).update(
            tagging_status=TaggingStatus.DONE,
            tagging_finished_at=timezone.now(),
            tagging_error="",
            tagger_version=TAGGER_VERSION,
            sentences=[[s.start, s.end, s.score] for s in result.sentences],
        )
