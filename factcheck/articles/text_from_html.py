"""Hostile HTML in, (sanitised HTML, canonical plain text) out, with nh3."""

from __future__ import annotations

import html as html_lib
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "span",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "q",
    "cite",
    "sub",
    "sup",
}
BLOCK_TAGS = r"p|div|h[1-6]|blockquote|li|tr|figure|figcaption|pre|section|article|table|ul|ol"
_BLOCK_BOUNDARY = re.compile(rf"</?(?:{BLOCK_TAGS})\b[^>]*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(value: str | None, limit: int) -> str:
    """Metadata is plain text: tags and their script/style content removed, entities
    read, no angle brackets or control characters left, whitespace collapsed."""
    if not value:
        return ""
    text = nh3.clean(str(value), tags=set(), clean_content_tags={"script", "style"})
    text = _CONTROL.sub(" ", html_lib.unescape(text)).replace("<", "").replace(">", "")
    return " ".join(text.split())[:limit]


def sanitise_html(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style", "template", "iframe", "object", "svg", "math"},
    )


def html_to_text(raw: str) -> tuple[str, str]:
    """Sanitise, then reduce to text: one paragraph per block element."""
    clean = sanitise_html(raw)
    marked = _BLOCK_BOUNDARY.sub("\n", clean)
    text = html_lib.unescape(_TAG.sub("", marked))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return clean, "\n".join(line for line in lines if line)
