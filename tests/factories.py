"""factory_boy factories for the domain models."""

from __future__ import annotations

import factory

from factcheck.articles.models import Article
from factcheck.claims.anchoring.selectors import describe
from factcheck.claims.models import Claim, VerdictLabel
from factcheck.claims.models import Citation
from factcheck.sources.models import Source

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
