"""Corrections: a new revision keeps the old text, every claim re-anchors on the new one
(or is orphaned and listed, never dropped), with a "reanchored" event per moved claim."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.articles.diff import diff_summary
from factcheck.articles.models import Article, ArticleRevision
from factcheck.articles.revisions import add_revision
from factcheck.articles.services import ArticleInput, create_article
from factcheck.claims.models import Claim, ClaimEvent
from factcheck.claims.services import create_claim

pytestmark = pytest.mark.django_db

P1 = "The mayor said unemployment fell to 3.5% in 2019."
P2 = "Critics said the figure ignored part-time work."
P3 = "The council will vote on the budget on Friday."
TEXT = "\n".join([P1, P2, P3])


def article_with(text: str = TEXT) -> Article:
    article, _ = create_article(ArticleInput(title="Budget", text=text), None)
    return article


def claim_on(article: Article, quote: str, occurrence: int = 0) -> Claim:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(quote, start + 1)
    return create_claim(article, start, start + len(quote), None)


def revise(article: Article, text: str, user: Any = None) -> Any:
    return add_revision(article.pk, user, text=text, note="correction")


def placed(claim: Claim) -> str:
    claim.refresh_from_db()
    return claim.article.text[claim.start : claim.end]


def test_insertion_before_moves_the_claim_and_records_it() -> None:
    article = article_with()
    claim = claim_on(article, "unemployment fell to 3.5%")
    old_version = claim.version
    outcome = revise(article, "Updated: " + TEXT)
    claim.refresh_from_db()
    assert placed(claim) == "unemployment fell to 3.5%"
    assert claim.start == TEXT.index("unemployment") + len("Updated: ")
    assert (claim.anchor_status, claim.anchored_revision) == ("moved", 2)
    assert claim.version == old_version + 1
    assert outcome.moved == [claim.pk] and outcome.orphaned == []
    event = ClaimEvent.objects.get(claim=claim, action="reanchored")
    assert event.changes["revision"] == [1, 2]
    assert event.changes["start"] == [TEXT.index("unemployment"), claim.start]


def test_insertion_after_leaves_the_claim_alone() -> None:
    article = article_with()
    claim = claim_on(article, "unemployment fell to 3.5%")
    outcome = revise(article, TEXT + "\nA new closing paragraph.")
    claim.refresh_from_db()
    assert (claim.anchor_status, claim.anchored_revision, claim.version) == ("anchored", 2, 1)
    assert outcome.kept == 1 and not ClaimEvent.objects.filter(action="reanchored").exists()


def test_edit_inside_the_claim_is_a_fuzzy_match() -> None:
    article = article_with()
    claim = claim_on(article, "unemployment fell to 3.5% in 2019")
    revise(article, TEXT.replace("fell to 3.5% in 2019", "fell to 3.6% in 2019"))
    claim.refresh_from_db()
    assert claim.anchor_status == "fuzzy"
    assert claim.exact == placed(claim) == "unemployment fell to 3.6% in 2019"
    event = ClaimEvent.objects.get(claim=claim, action="reanchored")
    assert event.changes["exact"] == [
        "unemployment fell to 3.5% in 2019",
        "unemployment fell to 3.6% in 2019",
    ]


def test_deletions_before_and_after() -> None:
    article = article_with()
    first = claim_on(article, "unemployment fell")
    last = claim_on(article, "vote on the budget")
    revise(article, TEXT.replace(P2 + "\n", "").replace("The mayor said ", "Mayor: "))
    assert placed(first) == "unemployment fell" and placed(last) == "vote on the budget"
    first.refresh_from_db()
    last.refresh_from_db()
    assert first.anchor_status == last.anchor_status == "moved"


def test_an_emptied_paragraph_orphans_its_claim_which_stays_listed(
    reviewer_client: APIClient,
) -> None:
    article = article_with()
    gone = claim_on(article, "the figure ignored part-time work")
    kept = claim_on(article, "vote on the budget")
    outcome = revise(article, "\n".join([P1, "", P3]))
    gone.refresh_from_db()
    assert outcome.orphaned == [gone.pk]
    assert gone.anchor_status == "orphaned" and gone.anchored_revision == 1
    assert gone.exact == "the figure ignored part-time work"  # the old anchor is kept
    assert ClaimEvent.objects.filter(claim=gone, action="orphaned").exists()
    assert Claim.objects.filter(pk=gone.pk).exists()
    assert placed(kept) == "vote on the budget"
    orphans = reviewer_client.get(f"/api/articles/{article.pk}/orphans/").json()
    assert [c["id"] for c in orphans["results"]] == [gone.pk]
    listed = reviewer_client.get(f"/api/claims/?article={article.pk}&anchor_status=orphaned")
    assert [c["id"] for c in listed.json()["results"]] == [gone.pk]
    # The reviewer re-attaches it by selecting new text.
    article.refresh_from_db()
    start = article.text.index("unemployment")
    response = reviewer_client.patch(
        f"/api/claims/{gone.pk}/",
        {"start": start, "end": start + 5, "version": gone.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["anchor_status"] == "anchored"
    assert reviewer_client.get(f"/api/articles/{article.pk}/orphans/").json()["count"] == 0


def test_an_orphan_comes_back_when_its_text_returns() -> None:
    article = article_with()
    claim = claim_on(article, "the figure ignored part-time work")
    revise(article, "\n".join([P1, P3]))
    revise(article, "\n".join([P1, "Now: " + P2, P3]))
    claim.refresh_from_db()
    assert claim.anchor_status == "moved" and claim.anchored_revision == 3
    assert placed(claim) == "the figure ignored part-time work"


def test_repeated_quotes_stay_on_their_own_occurrence() -> None:
    text = "Prices rose 5%. Wages were flat.\nIn March, prices rose 5%. Rents rose too."
    article = article_with(text)
    second = claim_on(article, "prices rose 5%", occurrence=0)  # lower-case: the 2nd one
    first = claim_on(article, "Prices rose 5%")
    new = "Breaking. Prices rose 5%. Wages were flat.\nIn March, prices rose 5%. Rents rose."
    revise(article, new)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.start == new.index("In March, prices") + len("In March, ")
    assert first.start == new.index("Prices rose 5%")


def test_the_same_quote_twice_case_for_case() -> None:
    text = "He said no.\nShe said no.\nThey said no."
    article = article_with(text)
    claim = claim_on(article, "said no", occurrence=1)  # She said no.
    revise(article, "Intro.\n" + text.replace("He said no.\n", "He said yes.\n"))
    claim.refresh_from_db()
    new = article.__class__.objects.get(pk=article.pk).text
    assert new[claim.start - 4 : claim.end] == "She said no"


def test_old_text_is_kept_and_revisions_listed(reviewer_client: APIClient) -> None:
    article = article_with()
    response = reviewer_client.post(
        f"/api/articles/{article.pk}/revisions/",
        {"text": TEXT.replace("Friday", "Monday"), "note": "Vote day corrected"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 2
    assert ArticleRevision.objects.get(article=article, number=1).text == TEXT
    article.refresh_from_db()
    assert article.revision == 2 and "Monday" in article.text
    assert article.tagging_status == "queued"
    listing = reviewer_client.get(f"/api/articles/{article.pk}/revisions/").json()
    assert [r["number"] for r in listing["results"]] == [2, 1]
    assert listing["results"][0]["note"] == "Vote day corrected"
    diff = reviewer_client.get(f"/api/articles/{article.pk}/revisions/diff/").json()
    assert (diff["from"]["number"], diff["to"]["number"]) == (1, 2)
    assert diff["paragraphs"] == {"added": 0, "removed": 0, "changed": 1}
    assert diff["hunks"][0]["words"] == {"removed": "Friday.", "added": "Monday."}


def test_a_revision_requests_tagging_again(django_capture_on_commit_callbacks: Any) -> None:
    article = article_with()
    with django_capture_on_commit_callbacks() as callbacks:
        revise(article, TEXT + "\nMore.")
    assert len(callbacks) >= 1


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"text": TEXT}, 400, "text"),
        ({"text": "   "}, 400, "text"),
        ({}, 400, "text"),
        ({"text": "x" * 2000}, 413, "text"),
    ],
)
def test_bad_revisions_are_refused(
    reviewer_client: APIClient, settings: Any, payload: dict[str, str], status: int, field: str
) -> None:
    settings.FACTCHECK_MAX_ARTICLE_CHARS = 1000
    article = article_with()
    response = reviewer_client.post(
        f"/api/articles/{article.pk}/revisions/", payload, format="json"
    )
    assert response.status_code == status and field in response.json()
    assert ArticleRevision.objects.filter(article=article).count() == 1


def test_a_revision_equal_to_another_article_is_a_conflict(reviewer_client: APIClient) -> None:
    article_with("Some other article entirely.")
    article = article_with()
    response = reviewer_client.post(
        f"/api/articles/{article.pk}/revisions/",
        {"text": "Some other article entirely."},
        format="json",
    )
    assert response.status_code == 409


def test_a_client_holding_a_moved_claim_gets_409(reviewer_client: APIClient) -> None:
    article = article_with()
    claim = claim_on(article, "unemployment fell")
    revise(article, "New lead.\n" + TEXT)
    response = reviewer_client.patch(
        f"/api/claims/{claim.pk}/", {"statement": "x", "version": 1}, format="json"
    )
    assert response.status_code == 409


def test_diff_summary_counts_and_ranges() -> None:
    old = "A.\nB.\nC."
    new = "A.\nB2.\nC.\nD."
    summary = diff_summary(old, new)
    assert summary["paragraphs"] == {"added": 1, "removed": 0, "changed": 1}
    changed, added = summary["hunks"]
    assert new[changed["new"][0] : changed["new"][1]] == "B2."
    assert old[changed["old"][0] : changed["old"][1]] == "B."
    assert added["op"] == "added" and added["added"] == "D."


def test_revision_lists_have_a_fixed_query_count(
    reviewer_client: APIClient, django_assert_max_num_queries: Any
) -> None:
    article = article_with()
    claim_on(article, "vote on the budget")
    for n in range(5):
        revise(article, TEXT + f"\nUpdate {n}.")
    with django_assert_max_num_queries(6):
        assert reviewer_client.get(f"/api/articles/{article.pk}/revisions/").status_code == 200
    with django_assert_max_num_queries(6):
        assert reviewer_client.get(f"/api/articles/{article.pk}/orphans/").status_code == 200
    with django_assert_max_num_queries(6):
        diff = reviewer_client.get(f"/api/articles/{article.pk}/revisions/diff/?from=1&to=6")
        assert diff.status_code == 200
    bad = reviewer_client.get(f"/api/articles/{article.pk}/revisions/diff/?from=abc")
    assert bad.status_code == 400 and "from" in bad.json()
    assert (
        reviewer_client.get(f"/api/articles/{article.pk}/revisions/diff/?from=99").status_code
        == 404
    )


def test_identical_paragraphs_keep_the_claim_on_its_own() -> None:
    """Same quote, same 32-character context in every line: only the diff of the old and
    new texts can tell which one the claim was on."""
    body = "the long and winding text before the rate rose and the long text that follows it."
    lines = [f"Item {k}: {body}" for k in (1, 2, 3)]
    article = article_with("\n".join(lines))
    claim = claim_on(article, "rate rose", occurrence=1)  # on Item 2
    new = "\n".join([f"Item 0: {body}", *lines])
    revise(article, new)
    claim.refresh_from_db()
    line_start = new.index("Item 2:")
    assert line_start < claim.start < new.index("Item 3:")


def test_a_deleted_orphan_is_not_listed(admin_client_api: APIClient) -> None:
    article = article_with()
    gone = claim_on(article, "the figure ignored part-time work")
    revise(article, "\n".join([P1, P3]))
    assert admin_client_api.get(f"/api/articles/{article.pk}/orphans/").json()["count"] == 1
    assert admin_client_api.delete(f"/api/claims/{gone.pk}/").status_code == 204
    assert admin_client_api.get(f"/api/articles/{article.pk}/orphans/").json()["count"] == 0
