"""Turn what a reviewer brings (pasted text or HTML, an uploaded file, a URL) into an
ArticleInput: sanitised HTML for display, the canonical text, clean metadata, and the
original input kept as `raw` when it was changed on the way."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

import dateparser  # type: ignore[import-untyped]
import trafilatura
from django.utils import timezone
from rest_framework.exceptions import APIException, ValidationError

from .cleanup import clean_pasted_text
from .decode import decode_bytes
from .fetch import FetchError, fetch_url
from .services import ArticleInput
from .text_from_html import html_to_text, plain

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


class FetchFailed(APIException):
    """A URL that could not (or may not) be fetched: 4xx/5xx naming the `url` field."""

    def __init__(self, error: FetchError) -> None:
        self.status_code = error.status
        super().__init__({error.field: [str(error)]})


# ISO 8601 dates and times, what most feeds and dumps carry: read by the standard library
# (dateparser, for every other form, costs milliseconds a row in a bulk import).
_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)


def parse_date(value: Any, field: str = "published_at") -> datetime | None:
    """A date in any common form ("2019-01-04", "4 January 2019", ISO 8601 with time)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed: datetime | None = value
    elif _ISO_DATE.fullmatch(str(value).strip()):
        try:
            parsed = datetime.fromisoformat(str(value).strip())
        except ValueError:  # 2019-02-30 and the like
            parsed = None
    else:
        parsed = dateparser.parse(
            str(value), settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"}
        )
    if parsed is None:
        raise ValidationError({field: [f"{str(value)[:60]!r} is not a date."]})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def clean_metadata(data: ArticleInput) -> ArticleInput:
    return replace(
        data,
        title=plain(data.title, 500),
        outlet=plain(data.outlet, 200),
        author=plain(data.author, 300),
    )


def from_paste(*, text: str = "", html: str = "", author: str = "", **meta: Any) -> ArticleInput:
    """Pasted HTML is sanitised and reduced to text; pasted text loses the page cruft
    (the byline becomes the author when none is given)."""
    if html.strip() and not text.strip():
        clean_html, canonical = html_to_text(html)
        # Only the sanitised HTML is stored: hostile markup is never kept, not even as "raw".
        data = ArticleInput(text=canonical, html=clean_html, author=author, **meta)
    else:
        cleaned = clean_pasted_text(text)
        data = ArticleInput(
            text=cleaned.text,
            raw=text if cleaned.changed else "",
            author=author or cleaned.author,
            **meta,
        )
    return clean_metadata(data)


def from_file(name: str, content: bytes, **meta: Any) -> ArticleInput:
    suffix = PurePath(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ValidationError(
            {"file": [f"{name!r}: import .html, .htm, .txt or .md files, not {suffix or 'this'}."]}
        )
    decoded = decode_bytes(content, field="file")
    if suffix in HTML_SUFFIXES:
        if not meta.get("title"):
            meta["title"] = _html_title(decoded) or PurePath(name).stem
        return from_paste(html=decoded, **meta)
    if not meta.get("title"):
        meta["title"] = _first_heading(decoded) or PurePath(name).stem
    return from_paste(text=decoded, **meta)


def from_url(url: str, **meta: Any) -> ArticleInput:
    """Fetch `url` (SSRF-safe) and keep the main text and its metadata (trafilatura);
    what the caller gave (title, outlet...) wins over what the page says."""
    try:
        page = fetch_url(url)
    except FetchError as error:
        raise FetchFailed(error) from error
    body = decode_bytes(page.body, page.charset, field="url")
    if page.content_type == "text/plain":
        return from_paste(text=body, url=url, **meta)
    doc: Any = trafilatura.bare_extraction(body, url=page.url, with_metadata=True)
    extracted = None
    if doc is not None and (doc.text or "").strip():
        extracted = trafilatura.extract(
            body, url=page.url, output_format="html", include_links=True, include_formatting=True
        )
    # Where trafilatura finds no main text (odd or broken markup) the whole page's
    # sanitised text is better than nothing; the reviewer can correct it as a revision.
    clean_html, text = html_to_text(extracted or body)
    if not text.strip() and doc is not None:
        clean_html, text = "", doc.text or ""
    if not text.strip():
        raise ValidationError({"url": [f"No article text was found at {url}."]})
    found: dict[str, Any] = {
        "title": (doc.title if doc else "") or _html_title(body),
        "author": (doc.author if doc else "") or "",
        "outlet": (doc.sitename if doc else "") or "",
        "published_at": _lenient_date(doc.date if doc else None),
    }
    merged = {k: meta.get(k) or v for k, v in found.items()}
    rest = {k: v for k, v in meta.items() if k not in merged}
    return clean_metadata(
        ArticleInput(text=text, html=clean_html, url=url, raw="", **merged, **rest)
    )


def _lenient_date(value: str | None) -> datetime | None:
    try:
        return parse_date(value)
    except ValidationError:
        return None


def _html_title(source: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", source, re.IGNORECASE | re.DOTALL)
    return plain(match.group(1), 500) if match else ""


def _first_heading(source: str) -> str:
    for line in source.splitlines()[:20]:
        match = _MD_HEADING.match(line)
        if match:
            return plain(match.group(1), 500)
    return ""
