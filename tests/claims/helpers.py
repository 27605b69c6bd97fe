"""Claims ready for each workflow step, built through the real services."""

from __future__ import annotations

from typing import Any

from factcheck.claims import workflow
from factcheck.claims.models import Claim
from factcheck.claims.services import add_citation, create_claim
from tests.factories import ArticleFactory, SourceFactory, verdict


def ready_claim(author: Any = None, **fields: Any) -> Claim:
    """A draft with a verdict, a rationale and one citation: it may be submitted, and
    approved (the citation is a registry source with a locator, no web page to capture)."""
    fields.setdefault("verdict", verdict("true"))
    fields.setdefault("rationale", "The statistics office's table shows 3.5%.")
    fields.setdefault("statement", "Unemployment fell to 3.5% in 2019.")
    article = fields.pop("article", None) or ArticleFactory()
    claim = create_claim(article, 0, 33, author, **fields)
    add_citation(
        claim.pk,
        author,
        source=SourceFactory(),
        locator="Table 1, row 3",
        excerpt="3.5 percent",
        stance="supports",
    )
    claim.refresh_from_db()
    return claim


def claim_in(status: str, reviewer: Any, editor: Any) -> Claim:
    """A claim brought to `status` through the real transitions."""
    claim = ready_claim(reviewer)
    path = {
        "draft": [],
        "in_review": [("submit", reviewer)],
        "returned": [("submit", reviewer), ("return", editor)],
        "approved": [("submit", reviewer), ("approve", editor)],
        "published": [("submit", reviewer), ("approve", editor), ("publish", editor)],
    }[status]
    for name, user in path:
        comment = "fix the source" if name == "return" else ""
        claim = workflow.transition(claim.pk, name, user, claim.version, comment=comment)
    assert claim.status == status
    return claim
