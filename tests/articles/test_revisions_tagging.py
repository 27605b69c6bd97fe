"""A correction re-runs the pre-tagger; candidates carried over the diff keep their
accept/dismiss decision where their text is still there (the real extractor and pipeline)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from factcheck.articles.carry_candidates import carry_candidates
from factcheck.articles.revisions import add_revision
from factcheck.articles.services import ArticleInput, create_article
from factcheck.tagging.models import Candidate
from factcheck.tagging.pipeline import tag_article_now

pytestmark = pytest.mark.django_db

TEXT = (
    "Unemployment fell to 3.5% in 2019, the minister said.\n"
    "Wages rose by 4 percent last year, according to the statistics office.\n"
    "Exports grew 12% in March."
)


def test_decisions_survive_a_correction(reviewer_client: APIClient) -> None:
    article, _ = create_article(ArticleInput(title="Economy", text=TEXT), None)
    tag_article_now(article.pk)
    numbers = {c.text: c for c in Candidate.objects.filter(article=article, kind="number")}
    assert {"3.5%", "4 percent", "12%"} <= set(numbers), numbers
    dismissed, accepted, vanishing = numbers["4 percent"], numbers["3.5%"], numbers["12%"]
    for candidate, action in ((dismissed, "dismiss"), (accepted, "accept"), (vanishing, "dismiss")):
        response = reviewer_client.post(f"/api/candidates/{candidate.pk}/{action}/")
        assert response.status_code in (200, 201), response.content

    new = "Correction appended at the top.\n" + TEXT.replace("Exports grew 12% in March.", "")
    add_revision(article.pk, None, text=new)
    tag_article_now(article.pk)

    def by_text(text: str) -> list[Candidate]:
        return list(Candidate.objects.filter(article=article, kind="number", text=text))

    [four] = by_text("4 percent")
    assert four.pk == dismissed.pk and four.status == "dismissed"
    assert new[four.start : four.end] == "4 percent"
    [rate] = by_text("3.5%")
    assert rate.pk == accepted.pk and rate.status == "accepted"
    assert new[rate.start : rate.end] == "3.5%"
    [gone] = by_text("12%")
    assert gone.pk == vanishing.pk and gone.status == "dismissed"  # kept, with its decision


def test_carrying_never_puts_two_rows_on_one_span() -> None:
    text = "Prices rose 5% and 5% again."
    article, _ = create_article(ArticleInput(title="Prices", text=text), None)
    first = text.index("5%")
    second = text.index("5%", first + 1)
    Candidate.objects.create(
        article=article, kind="number", start=first, end=first + 2, text="5%", tagger_version="t"
    )
    Candidate.objects.create(
        article=article,
        kind="number",
        start=second,
        end=second + 2,
        text="5%",
        tagger_version="t",
        status="dismissed",
    )
    new = "Breaking: " + text
    counts = carry_candidates(article.pk, text, new)
    assert counts == {"moved": 2, "dropped": 0}
    spans = sorted((c.start, c.end) for c in Candidate.objects.filter(article=article))
    assert [new[s:e] for s, e in spans] == ["5%", "5%"] and len(set(spans)) == 2
