"""What to match for a claim or a candidate of the workspace."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import FactCheck

_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*\s|\n")


@dataclass
class Subject:
    text: str
    claimant: str = ""
    exclude: list[int] = field(default_factory=list)
    cited_urls: set[str] = field(default_factory=set)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` holding [start, end): a number or a quote alone is too
    little to match on."""
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    after = _SENTENCE_END.search(text, end)
    return text[begin : after.end() if after else len(text)].strip()


def text_for_claim(claim_id: int) -> Subject | None:
    from factcheck.claims.models import Claim

    claim = (
        Claim.objects.filter(pk=claim_id, deleted_at__isnull=True).select_related("article").first()
    )
    if claim is None:
        return None
    own = list(FactCheck.objects.filter(claim_id=claim.pk).values_list("pk", flat=True))
    text = claim.statement.strip() or sentence_around(claim.article.text, claim.start, claim.end)
    cited = set(claim.citations.exclude(url="").values_list("url", flat=True))
    return Subject(text=text, claimant=claim.claimant, exclude=own, cited_urls=cited)


def text_for_candidate(candidate_id: int) -> Subject | None:
    from factcheck.tagging.models import Candidate

    candidate = Candidate.objects.filter(pk=candidate_id).select_related("article").first()
    if candidate is None:
        return None
    data = candidate.data or {}
    claimant = str(data.get("speaker") or data.get("source") or "")
    text = sentence_around(candidate.article.text, candidate.start, candidate.end)
    return Subject(text=text or candidate.text, claimant=claimant)


MAX_PER_ARTICLE = 200


def subjects_of_article(article_id: int) -> list[tuple[str, int, Subject]] | None:
    """("claim" | "candidate", id, what to match) for the article's claims and open
    candidates (at most MAX_PER_ARTICLE), or None for an unknown article."""
    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim
    from factcheck.tagging.models import Candidate

    article = Article.objects.filter(pk=article_id).only("pk", "text").first()
    if article is None:
        return None
    subjects: list[tuple[str, int, Subject]] = []
    claims = Claim.objects.filter(article_id=article_id, deleted_at__isnull=True).order_by("start")
    own = dict(FactCheck.objects.filter(claim__article_id=article_id).values_list("claim_id", "pk"))
    for claim in claims[:MAX_PER_ARTICLE]:
        text = claim.statement.strip() or sentence_around(article.text, claim.start, claim.end)
        exclude = [own[claim.pk]] if claim.pk in own else []
        subjects.append(("claim", claim.pk, Subject(text, claim.claimant, exclude)))
    candidates = Candidate.objects.filter(article_id=article_id, status="open").order_by("start")
    for candidate in candidates[: MAX_PER_ARTICLE - len(subjects)]:
        data = candidate.data or {}
        claimant = str(data.get("speaker") or data.get("source") or "")
        text = sentence_around(article.text, candidate.start, candidate.end) or candidate.text
        subjects.append(("candidate", candidate.pk, Subject(text, claimant)))
    return subjects
