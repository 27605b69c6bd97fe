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
    (the byline becomes the author when none is given). The headline leaves the body
    (it is the title: its numbers would be tagged twice)."""
    title = str(meta.pop("title", "") or "")
    if html.strip() and not text.strip():
        clean_html, canonical = html_to_text(html)
        # The same furniture as in pasted text: a "By: Name" paragraph, share labels.
        cleaned = clean_pasted_text(canonical)
        # The page's <title> and then its <h1> headline may both open the text.
        title, body = split_headline(cleaned.text, title or _html_title(html))
        title, body = split_headline(body, title)
        # Only the sanitised HTML is stored: hostile markup is never kept, not even as "raw".
        data = ArticleInput(
            text=body,
            html=clean_html,
            author=author or cleaned.author,
            title=title,
            **meta,
        )
    else:
        cleaned = clean_pasted_text(text)
        title, body = split_headline(cleaned.text, title)
        data = ArticleInput(
            text=body,
            raw=text if cleaned.changed or body != cleaned.text else "",
            author=author or cleaned.author,
            title=title,
            **meta,
        )
    return clean_metadata(data)


def _words(value: str) -> list[str]:
    return re.findall(r"\w+", value.lower())


def _looks_like_headline(line: str) -> bool:
    """A short line of several words that does not end a sentence."""
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= 200
        and not line.rstrip().endswith((".", ":", ";", ","))
    )


def split_headline(text: str, title: str) -> tuple[str, str]:
    """(title, text): a first paragraph that is the title (or, with no title given, looks
    like a headline) leaves the text and is the title. A one-paragraph text stays whole."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not any(line.strip() for line in lines[first + 1 :]):
        return title, text
    head = lines[first].strip()
    head_words, title_words = _words(head), _words(title)
    # "<title>Headline | Outlet</title>" still names the "<h1>Headline</h1>".
    same = bool(head_words) and title_words[: len(head_words)] == head_words
    if same or (not title.strip() and _looks_like_headline(head)):
        rest = "\n".join(lines[first + 1 :]).strip("\n")
        return (title.strip() or head), rest
    return title, text


def _title_from_name(name: str) -> str:
    """ "trump-xi_trade call" from "trump-xi_trade call.txt": a file name read as words."""
    stem = re.sub(r"[-_]+", " ", PurePath(name).stem).strip()
    return stem[:1].upper() + stem[1:] if stem else ""


def from_file(name: str, content: bytes, **meta: Any) -> ArticleInput:
    suffix = PurePath(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ValidationError(
            {"file": [f"{name!r}: import .html, .htm, .txt or .md files, not {suffix or 'this'}."]}
        )
    decoded = decode_bytes(content, field="file")
    if suffix in HTML_SUFFIXES:
        data = from_paste(html=decoded, **meta)
    elif not meta.get("title") and _first_heading(decoded):
        data = from_paste(text=decoded, **{**meta, "title": _first_heading(decoded)})
    else:
        # No title: the text's headline line, else the file's name as words.
        data = from_paste(text=decoded, **meta)
    if not data.title:
        data = replace(data, title=_title_from_name(name))
    return data


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
