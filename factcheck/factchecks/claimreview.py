"""Reading fact-checks from the shapes other newsrooms publish, into plain rows.

JSON: one schema.org ClaimReview object, a list of them, an `@graph`, or the DataCommons
`DataFeed` that Google's Fact Check feed uses (dataFeedElement → DataFeedItem → item).
JSON Lines: one of those per line. CSV: one fact-check per row with a header (columns
below, common aliases read too). Each record becomes (row number, FactCheckRow) or
(row number, RowError naming the field); rows are numbered from 1 in file order (the
n-th ClaimReview of a JSON document, the n-th line of JSONL, the n-th record after a CSV
header)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from rest_framework.exceptions import ValidationError

from factcheck.articles.decode import decode_bytes
from factcheck.articles.imports import parse_date

FORMATS = {
    ".json": "json",
    ".jsonld": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
CSV_COLUMNS = (
    "url",
    "claim_reviewed",
    "title",
    "claimant",
    "claim_date",
    "appearance_url",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "rating_explanation",
    "publisher",
    "publisher_url",
    "author",
    "date",
    "date_modified",
    "language",
)
ALIASES = {
    "claimreviewed": "claim_reviewed",
    "claim": "claim_reviewed",
    "claim_text": "claim_reviewed",
    "text": "claim_reviewed",
    "headline": "title",
    "rating_name": "rating",
    "alternatename": "rating",
    "verdict": "rating",
    "textual_rating": "rating",
    "ratingvalue": "rating_value",
    "bestrating": "best_rating",
    "worstrating": "worst_rating",
    "ratingexplanation": "rating_explanation",
    "date_published": "date",
    "datepublished": "date",
    "review_date": "date",
    "datemodified": "date_modified",
    "inlanguage": "language",
    "lang": "language",
    "link": "url",
    "review_url": "url",
    "claim_author": "claimant",
    "claimed_by": "claimant",
    "speaker": "claimant",
    "organisation": "publisher",
    "organization": "publisher",
    "site": "publisher",
}
LIMITS = {"claim_reviewed": 5000, "title": 1000, "rating_explanation": 20000}


class RowError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class FactCheckRow:
    """One fact-check as read, checked and cleaned."""

    url: str
    claim_reviewed: str
    title: str = ""
    claimant: str = ""
    claim_date: date | None = None
    appearance_url: str = ""
    rating_name: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_explanation: str = ""
    publisher: str = ""
    publisher_url: str = ""
    author: str = ""
    date_published: date | None = None
    date_modified: datetime | None = None
    language: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def file_format(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            {"file": [f"{name!r}: a fact-check import is a .json, .jsonld, .jsonl or .csv file."]}
        )
    return FORMATS[suffix]


def read(name: str, content: bytes) -> Iterator[tuple[int, FactCheckRow | RowError]]:
    """Every fact-check in the file, numbered, each parsed or with its error. A file that
    cannot be read at all is a ValidationError on `file`."""
    kind = file_format(name)
    text = decode_bytes(content, field="file")
    if kind == "csv":
        yield from _read_csv(text)
        return
    if kind == "json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                {"file": [f"Not valid JSON: {error.msg} (line {error.lineno})."]}
            ) from error
        for number, node in enumerate(claim_reviews(document), start=1):
            yield number, _parsed(node)
        return
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            number += 1
            yield number, RowError("row", f"not valid JSON ({error.msg}, column {error.colno})")
            continue
        nodes = list(claim_reviews(record))
        if not nodes:
            number += 1
            yield number, RowError("row", "no ClaimReview object on this line")
        for node in nodes:
            number += 1
            yield number, _parsed(node)


def claim_reviews(document: Any) -> Iterator[Any]:
    """The ClaimReview objects of a JSON-LD document, in order. Anything that is not a
    container (DataFeed, DataFeedItem, @graph, a list) is taken as a ClaimReview, so that a
    malformed one is reported as a row, not silently skipped."""
    if isinstance(document, list):
        for item in document:
            yield from claim_reviews(item)
        return
    if isinstance(document, dict):
        kind = _type(document)
        if "@graph" in document:
            yield from claim_reviews(document["@graph"])
            return
        if kind == "DataFeed" or "dataFeedElement" in document:
            yield from claim_reviews(document.get("dataFeedElement") or [])
            return
        if kind == "DataFeedItem":
            yield from claim_reviews(document.get("item") or [])
            return
    yield document


def _type(node: dict[str, Any]) -> str:
    kind = node.get("@type", "")
    if isinstance(kind, list):
        kind = next((k for k in kind if isinstance(k, str)), "")
    return str(kind).rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _parsed(node: Any) -> FactCheckRow | RowError:
    try:
        return from_claim_review(node)
    except RowError as error:
        return error


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name(value: Any, field: str) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName") or ""
    return _text(value, field, 300)


def _text(value: Any, field: str, limit: int = 300) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise RowError(field, "must be text")
    value = " ".join(value.split())
    if len(value) > limit:
        raise RowError(field, f"is longer than {limit:,} characters")
    return value


_url_ok = URLValidator(schemes=["http", "https"])


def _url(value: Any, field: str, required: bool = False) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or ""
    url = _text(value, field, 2000)
    if not url:
        if required:
            raise RowError(field, "is required")
        return ""
    try:
        _url_ok(url)
    except DjangoValidationError as error:
        raise RowError(field, f"{url[:80]!r} is not an http(s) URL") from error
    return url


def _number(value: Any, field: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise RowError(field, f"{str(value)[:40]!r} is not a number") from error
    if not math.isfinite(number):
        raise RowError(field, "must be a finite number")
    return number


def _date(value: Any, field: str) -> date | None:
    moment = _datetime(value, field)
    return moment.date() if moment else None


def _datetime(value: Any, field: str) -> datetime | None:
    value = _first(value)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RowError(field, "must be a date")
    try:
        return parse_date(value.strip()[:60], field=field)
    except ValidationError as error:
        raise RowError(field, f"{value[:40]!r} is not a date") from error


def from_claim_review(node: Any) -> FactCheckRow:
    """One ClaimReview (schema.org JSON-LD) as a row."""
    if not isinstance(node, dict):
        raise RowError("row", "a ClaimReview must be a JSON object")
    kind = _type(node)
    if kind and kind != "ClaimReview":
        raise RowError("@type", f"expected ClaimReview, found {kind[:40]!r}")
    claim_reviewed = _text(node.get("claimReviewed"), "claimReviewed", LIMITS["claim_reviewed"])
    if not claim_reviewed:
        raise RowError("claimReviewed", "is required")
    rating = _first(node.get("reviewRating")) or {}
    if not isinstance(rating, dict):
        raise RowError("reviewRating", "must be a Rating object")
    item = _first(node.get("itemReviewed")) or {}
    if not isinstance(item, dict):
        raise RowError("itemReviewed", "must be a Claim object")
    author = _first(node.get("author")) or {}
    publisher = _first(node.get("publisher")) or (author if _is_org(author) else {})
    appearance = item.get("appearance") or item.get("firstAppearance")
    return _checked(
        FactCheckRow(
            url=_url(node.get("url"), "url", required=True),
            claim_reviewed=claim_reviewed,
            title=_text(node.get("headline") or node.get("name"), "headline", LIMITS["title"]),
            claimant=_name(item.get("author"), "itemReviewed.author.name"),
            claim_date=_date(item.get("datePublished"), "itemReviewed.datePublished"),
            appearance_url=_url(appearance, "itemReviewed.appearance"),
            rating_name=_text(
                rating.get("alternateName") or rating.get("name"),
                "reviewRating.alternateName",
                200,
            ),
            rating_value=_number(rating.get("ratingValue"), "reviewRating.ratingValue"),
            best_rating=_number(rating.get("bestRating"), "reviewRating.bestRating"),
            worst_rating=_number(rating.get("worstRating"), "reviewRating.worstRating"),
            rating_explanation=_text(
                rating.get("ratingExplanation"),
                "reviewRating.ratingExplanation",
                LIMITS["rating_explanation"],
            ),
            publisher=_name(publisher, "publisher.name"),
            publisher_url=_url(
                publisher.get("url") if isinstance(publisher, dict) else "", "publisher.url"
            ),
            author="" if _is_org(author) else _name(author, "author.name"),
            date_published=_date(node.get("datePublished"), "datePublished"),
            date_modified=_datetime(node.get("dateModified"), "dateModified"),
            language=_name(node.get("inLanguage"), "inLanguage")[:16],
        )
    )


def _is_org(node: Any) -> bool:
    return isinstance(node, dict) and _type(node) in ("Organization", "NewsMediaOrganization", "")


def _checked(row: FactCheckRow) -> FactCheckRow:
    """Checks across fields: a rating value must lie within its scale."""
    value, best, worst = row.rating_value, row.best_rating, row.worst_rating
    if value is not None and best is not None and worst is not None:
        low, high = min(best, worst), max(best, worst)
        if not low <= value <= high:
            raise RowError("reviewRating.ratingValue", f"{value:g} is outside {worst:g}..{best:g}")
    return row


def _read_csv(text: str) -> Iterator[tuple[int, FactCheckRow | RowError]]:
    csv.field_size_limit(1 << 20)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise ValidationError({"file": ["The CSV file has no header row."]})
    header = {_column(name) for name in reader.fieldnames}
    missing = {"url", "claim_reviewed"} - header
    if missing:
        raise ValidationError(
            {
                "file": [
                    "The CSV header needs url and claim_reviewed columns; it has "
                    + ", ".join(reader.fieldnames)
                    + "."
                ]
            }
        )
    for number, record in enumerate(reader, start=1):
        values = {_column(k): (v or "") for k, v in record.items() if k is not None}
        try:
            yield number, from_csv(values)
        except RowError as error:
            yield number, error


def _column(name: str) -> str:
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, ALIASES.get(key.replace("_", ""), key))


def from_csv(values: dict[str, Any]) -> FactCheckRow:
    claim_reviewed = _text(values.get("claim_reviewed"), "claim_reviewed", LIMITS["claim_reviewed"])
    if not claim_reviewed:
        raise RowError("claim_reviewed", "is required")
    return _checked(
        FactCheckRow(
            url=_url(values.get("url"), "url", required=True),
            claim_reviewed=claim_reviewed,
            title=_text(values.get("title"), "title", LIMITS["title"]),
            claimant=_text(values.get("claimant"), "claimant"),
            claim_date=_date(values.get("claim_date"), "claim_date"),
            appearance_url=_url(values.get("appearance_url"), "appearance_url"),
            rating_name=_text(values.get("rating"), "rating", 200),
            rating_value=_number(values.get("rating_value"), "rating_value"),
            best_rating=_number(values.get("best_rating"), "best_rating"),
            worst_rating=_number(values.get("worst_rating"), "worst_rating"),
            rating_explanation=_text(
                values.get("rating_explanation"),
                "rating_explanation",
                LIMITS["rating_explanation"],
            ),
            publisher=_text(values.get("publisher"), "publisher"),
            publisher_url=_url(values.get("publisher_url"), "publisher_url"),
            author=_text(values.get("author"), "author"),
            date_published=_date(values.get("date"), "date"),
            date_modified=_datetime(values.get("date_modified"), "date_modified"),
            language=_text(values.get("language"), "language", 16),
        )
    )
