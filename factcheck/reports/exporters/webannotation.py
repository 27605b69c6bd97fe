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

from .base import ExportContext
from .claimreview import claim_url
from .rows import Row

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Early versions of anno.jsonld (still cached offline by some consumers, and the copy our
# tests expand against) lack the "assessing" term, which then expands to a relative IRI;
# restating it keeps the motivation oa:assessing under every version of the context.
CONTEXT: list[Any] = [ANNO_CONTEXT, {"assessing": "http://www.w3.org/ns/oa#assessing"}]


def article_iri(row: Row) -> str:
    # The model needs an IRI; an article imported as text has none of its own.
    return row["article_url"] or f"urn:factcheck:article:{row['article_id']}"


def annotation(row: Row) -> dict[str, Any]:
    try:
        anchor = Anchor(row["start"], row["end"], row["exact"], row["prefix"], row["suffix"])
        selectors = to_selectors(anchor)
    except ValueError:
        # A fuzzily re-anchored quote may differ in length from its span; say both anyway.
        selectors = [
            {"type": "TextPositionSelector", "start": row["start"], "end": row["end"]},
            {
                "type": "TextQuoteSelector",
                "exact": row["exact"],
                "prefix": row["prefix"],
                "suffix": row["suffix"],
            },
        ]
    bodies: list[dict[str, Any]] = []
    if row["verdict"]:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": row["verdict"],
                "format": "text/plain",
            }
        )
    if row["rationale"]:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": row["rationale"],
                "format": "text/plain",
            }
        )
    for citation in row["citations"]:
        url = citation["url"] or citation["source_homepage"]
        if not url:
            continue
        body: dict[str, Any] = {"type": "SpecificResource", "purpose": "linking", "source": url}
        if citation["excerpt"]:
            body["selector"] = {"type": "TextQuoteSelector", "exact": citation["excerpt"]}
        bodies.append(body)
    result: dict[str, Any] = {
        "id": claim_url(row["claim_id"]) + "#annotation",
        "type": "Annotation",
        "motivation": "assessing",
        "created": row["created_at"].isoformat(),
        "modified": row["updated_at"].isoformat(),
        "target": {"type": "SpecificResource", "source": article_iri(row), "selector": selectors},
    }
    if row["reviewer"]:
        result["creator"] = {"type": "Person", "nickname": row["reviewer"]}
    if bodies:
        result["body"] = bodies
    return result


class WebAnnotationExporter:
    name = "webannotation"
    media_type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    # Two JSON-LD formats: distinct names, so one download does not overwrite the other.
    extension = "annotations.jsonld"
    published_only = False

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[str]:
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
        for n, row in enumerate(claims):
            yield ("\n" if n == 0 else ",\n") + json.dumps(annotation(row), ensure_ascii=False)
        yield "\n]}}\n"
