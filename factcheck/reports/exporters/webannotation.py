"""W3C Web Annotation JSON-LD: an AnnotationCollection whose first (and only) page holds
one Annotation per claim, motivation "assessing".

Target: a SpecificResource on the article's URL with a TextQuoteSelector and a
TextPositionSelector (code points, as the model says). Bodies: the verdict and the
rationale as TextualBody, each citation as a SpecificResource with purpose "linking"
(quoting its excerpt when there is one)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings

from factcheck.claims.anchoring.selectors import Anchor, to_selectors
from factcheck.claims.models import Claim

from .base import ExportContext
from .claimreview import claim_url

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Early versions of anno.jsonld (still cached offline by some consumers, and the copy our
# tests expand against) lack the "assessing" term, which then expands to a relative IRI;
# restating it keeps the motivation oa:assessing under every version of the context.
CONTEXT: list[Any] = [ANNO_CONTEXT, {"assessing": "http://www.w3.org/ns/oa#assessing"}]


def article_iri(claim: Claim) -> str:
    # The model needs an IRI; an article imported as text has none of its own.
    return claim.article.url or f"urn:factcheck:article:{claim.article_id}"


def annotation(claim: Claim) -> dict[str, Any]:
    try:
        anchor = Anchor(claim.start, claim.end, claim.exact, claim.prefix, claim.suffix)
        selectors = to_selectors(anchor)
    except ValueError:
        # A fuzzily re-anchored quote may differ in length from its span; say both anyway.
        selectors = [
            {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            {
                "type": "TextQuoteSelector",
                "exact": claim.exact,
                "prefix": claim.prefix,
                "suffix": claim.suffix,
            },
        ]
    bodies: list[dict[str, Any]] = []
    if claim.verdict is not None:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": claim.verdict.name,
                "format": "text/plain",
            }
        )
    if claim.rationale:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": claim.rationale,
                "format": "text/plain",
            }
        )
    for citation in claim.citations.all():
        url = citation.url or (citation.source.homepage if citation.source else "")
        if not url:
            continue
        body: dict[str, Any] = {"type": "SpecificResource", "purpose": "linking", "source": url}
        if citation.excerpt:
            body["selector"] = {"type": "TextQuoteSelector", "exact": citation.excerpt}
        bodies.append(body)
    result: dict[str, Any] = {
        "id": claim_url(claim) + "#annotation",
        "type": "Annotation",
        "motivation": "assessing",
        "created": claim.created_at.isoformat(),
        "modified": claim.updated_at.isoformat(),
        "target": {"type": "SpecificResource", "source": article_iri(claim), "selector": selectors},
    }
    if claim.created_by is not None:
        result["creator"] = {"type": "Person", "nickname": claim.created_by.username}
    if bodies:
        result["body"] = bodies
    return result


class WebAnnotationExporter:
    name = "webannotation"
    media_type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    extension = "jsonld"
    published_only = False

    def render(self, claims: Iterable[Claim], context: ExportContext) -> Iterator[str]:
        org = str(settings.FACTCHECK_ORGANIZATION_URL).rstrip("/")
        head = {
            "@context": CONTEXT,
            "id": f"{org}/annotations/",
            "type": "AnnotationCollection",
            "label": f"{settings.FACTCHECK_ORGANIZATION_NAME}: claim assessments",
            "total": context.total,
        }
        # The collection's head is written first; its page follows, item by item.
        text = json.dumps(head, ensure_ascii=False)
        yield text[:-1] + ', "first": {"type": "AnnotationPage", "startIndex": 0, "items": ['
        for n, claim in enumerate(claims):
            yield ("\n" if n == 0 else ",\n") + json.dumps(annotation(claim), ensure_ascii=False)
        yield "\n]}}\n"
