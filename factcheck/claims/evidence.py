"""Is a claim's evidence verified? Every cited URL captured and its excerpt found on the
captured page; what an editor must see (or override, with a reason) before approving."""

from __future__ import annotations

from typing import Any

from factcheck.sources.models import Capture, CaptureStatus

from .models import Claim

PROBLEMS = {
    CaptureStatus.PENDING: "the page is still being captured",
    CaptureStatus.FAILED: "the page could not be captured",
}


def evidence_problems(claim: Claim) -> list[dict[str, Any]]:
    """One entry per citation whose evidence is not verified: {citation, url, problem}."""
    captures = {
        c.citation_id: c
        for c in Capture.objects.filter(citation__claim=claim).only(
            "citation_id", "status", "excerpt_found", "error"
        )
    }
    problems = []
    for citation_id, url in claim.citations.order_by("id").values_list("id", "url"):
        if not url:
            continue  # a registry source without a web page (a printed report, a dataset)
        capture = captures.get(citation_id)
        if capture is None:
            problem = "the page was never captured"
        elif capture.status != CaptureStatus.CAPTURED:
            problem = PROBLEMS[CaptureStatus(capture.status)]
            if capture.error:
                problem += f" ({capture.error})"
        elif capture.excerpt_found is False:
            problem = "the excerpt was not found on the captured page"
        else:
            continue
        problems.append({"citation": citation_id, "url": url, "problem": problem})
    return problems
