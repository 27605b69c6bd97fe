"""What changes articles: creating one from text (duplicates recognised by content hash)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.tagging.services import request_tagging

from .models import Article, ArticleRevision, content_hash
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


def create_article(data: ArticleInput, user: Any | None) -> tuple[Article, bool]:
    """Save an article and queue its tagging; returns (article, created). The same text
    (or URL) imported again returns the article already saved."""
    text = normalise_text(data.text)
    validate_text(text)
    existing = find_duplicate(text, data.url)
    if existing is not None:
        return existing, False
    with transaction.atomic():
        article = Article.objects.create(
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
        )
        ArticleRevision.objects.create(
            article=article,
            number=1,
            text=text,
            html=data.html,
            raw=data.raw,
            content_hash=article.content_hash,
            created_by=article.created_by,
        )
        request_tagging(article)
    return article, True
