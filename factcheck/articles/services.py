"""What changes articles: creating one from text (duplicates recognised by content hash)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.tagging.services import request_tagging, request_tagging_many

from .models import Article, ArticleRevision, ImportJob, content_hash
from .text_from_html import plain


class ArticleTooLarge(ValidationError):
    status_code = 413


@dataclass(frozen=True)
class ArticleInput:
    title: str
    text: str
    html: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published_at: datetime | None = None
    language: str = "en"
    raw: str = ""  # the input as given, when cleaning changed it (kept on revision 1)


def normalise_text(text: str) -> str:
    """The canonical text: \\r\\n and \\r read as \\n, trailing spaces trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def validate_text(text: str, field: str = "text") -> None:
    if not text.strip():
        raise ValidationError({field: ["The article has no text (it is empty or only spaces)."]})
    limit = settings.FACTCHECK_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise ArticleTooLarge(
            {field: [f"The article is {len(text):,} characters; the limit is {limit:,}."]}
        )


def find_duplicate(text: str, url: str = "") -> Article | None:
    found = Article.objects.filter(content_hash=content_hash(text)).first()
    if found is None and url:
        found = Article.objects.filter(url=url).first()
    return found


def create_article(
    data: ArticleInput, user: Any | None, import_job: ImportJob | None = None
) -> tuple[Article, bool]:
    """Save an article and queue its tagging; returns (article, created). The same text
    (or URL) imported again returns the article already saved."""
    text = normalise_text(data.text)
    validate_text(text)
    existing = find_duplicate(text, data.url)
    if existing is not None:
        return existing, False
    with transaction.atomic():
        article = _new_article(data, text, user, import_job)
        article.save()
        _first_revision(article, data).save()
        request_tagging(article)
    return article, True


def create_articles(
    items: list[ArticleInput], user: Any | None, import_job: ImportJob | None = None
) -> list[tuple[Article, bool]]:
    """create_article for many inputs with a fixed number of queries (a bulk import's
    chunk); one (article, created) per input, in order. The texts must be valid already
    (validate_text). Duplicates of saved articles, or of an earlier input, return that
    article. Tagging is requested for the new ones in batches."""
    texts = [normalise_text(item.text) for item in items]
    hashes = [content_hash(text) for text in texts]
    # What is known so far, saved or new in this chunk, found as find_duplicate does.
    by_hash = {a.content_hash: a for a in Article.objects.filter(content_hash__in=hashes)}
    urls = {item.url for item in items if item.url}
    by_url = {a.url: a for a in Article.objects.filter(url__in=urls)} if urls else {}
    fresh: list[tuple[Article, ArticleInput]] = []
    out: list[tuple[Article, bool]] = []
    for item, text, text_hash in zip(items, texts, hashes, strict=True):
        earlier = by_hash.get(text_hash) or (by_url.get(item.url) if item.url else None)
        if earlier is not None:
            out.append((earlier, False))
            continue
        article = _new_article(item, text, user, import_job)
        article.content_hash = text_hash  # bulk_create does not call save()
        by_hash[text_hash] = article
        if item.url:
            by_url[item.url] = article
        fresh.append((article, item))
        out.append((article, True))
    if not fresh:
        return out
    try:
        with transaction.atomic():
            Article.objects.bulk_create([article for article, _ in fresh])
            ArticleRevision.objects.bulk_create(
                [_first_revision(article, item) for article, item in fresh]
            )
            request_tagging_many([article.pk for article, _ in fresh], mark_queued=False)
    except IntegrityError:
        # Another import saved one of these texts meanwhile: one at a time, each finding
        # its duplicate.
        return [create_article(item, user, import_job) for item in items]
    return out


def _new_article(
    data: ArticleInput, text: str, user: Any | None, import_job: ImportJob | None
) -> Article:
    return Article(
        title=data.title.strip()[:500] or plain(text.split("\n", 1)[0], 200) or "Untitled",
        text=text,
        html=data.html,
        outlet=data.outlet,
        author=data.author,
        url=data.url,
        published_at=data.published_at,
        language=data.language or "en",
        created_by=user if getattr(user, "is_authenticated", False) else None,
        tagging_queued_at=timezone.now(),
        import_job=import_job,
    )


def _first_revision(article: Article, data: ArticleInput) -> ArticleRevision:
    return ArticleRevision(
        article=article,
        number=1,
        text=article.text,
        html=data.html,
        raw=data.raw,
        content_hash=article.content_hash,
        created_by=article.created_by,
    )


def assign_article(article_id: int, assignee: Any, by: Any) -> Article:
    """Give the article to `assignee` (None: nobody); it shows in their "My work" as new."""
    from django.contrib.auth import get_user_model

    from factcheck.accounts.roles import Role, role_of

    if assignee is not None and not isinstance(assignee, get_user_model()):
        assignee = get_user_model().objects.filter(pk=assignee, is_active=True).first()
        if assignee is None:
            raise ValidationError({"assignee": ["No such active user."]})
    if assignee is not None and role_of(assignee) < Role.REVIEWER:
        raise ValidationError({"assignee": ["This person has no role; an admin must give one."]})
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        article.assignee = assignee
        article.assigned_at = timezone.now() if assignee is not None else None
        article.assigned_by = by if getattr(by, "is_authenticated", False) else None
        article.save(update_fields=["assignee", "assigned_at", "assigned_by", "updated_at"])
    return article
