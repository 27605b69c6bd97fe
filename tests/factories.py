"""factory_boy factories for the domain models."""

from __future__ import annotations

import hashlib

import factory
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.claims.anchoring.selectors import describe
from factcheck.claims.models import Citation, Claim, VerdictLabel
from factcheck.sources.models import Capture, CaptureStatus, Snapshot, Source

ARTICLE_TEXT = (
    "Unemployment fell to 3.5% in 2019, the lowest in 50 years, the minister said.\n"
    "“We have created two million jobs,” she told reporters on Tuesday.\n"
    "According to the statistics office, wages rose by 4 percent."
)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = "The Daily Test"
    text = factory.Sequence(lambda n: f"{ARTICLE_TEXT}\nEdition {n}.")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Statistics Office {n}")
    domain = factory.Sequence(lambda n: f"stats{n}.example.org")
    homepage = factory.LazyAttribute(lambda s: f"https://{s.domain}/")
    kind = "statistics"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = 33

    @factory.lazy_attribute
    def exact(self) -> str:
        return describe(self.article.text, self.start, self.end).exact

    @factory.lazy_attribute
    def prefix(self) -> str:
        return describe(self.article.text, self.start, self.end).prefix

    @factory.lazy_attribute
    def suffix(self) -> str:
        return describe(self.article.text, self.start, self.end).suffix

    statement = "Unemployment fell to 3.5% in 2019."


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    url = "https://stats.example.org/table-1"
    excerpt = "The unemployment rate was 3.5 percent."
    stance = "supports"


def verdict(slug: str = "true") -> VerdictLabel:
    return VerdictLabel.objects.get(slug=slug)


def verified_capture(citation: Citation, excerpt_found: bool | None = True) -> Capture:
    """The citation's page as if captured just now, with its excerpt found (or not): for
    tests about what comes after capture. The capture itself is tested for real in
    tests/sources/test_capture.py."""
    body = f"<p>{citation.excerpt}</p>".encode()
    snapshot, _ = Snapshot.objects.get_or_create(
        sha256=hashlib.sha256(body).hexdigest(),
        defaults={
            "content_type": "text/html",
            "size": len(body),
            "storage_name": "test",
            "text": citation.excerpt,
        },
    )
    capture, _ = Capture.objects.update_or_create(
        citation=citation,
        defaults={
            "url": citation.url,
            "excerpt": citation.excerpt,
            "status": CaptureStatus.CAPTURED,
            "snapshot": snapshot,
            "final_url": citation.url,
            "http_status": 200,
            "fetched_at": timezone.now(),
            "requested_at": timezone.now(),
            "excerpt_found": excerpt_found,
        },
    )
    return capture
