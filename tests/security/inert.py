"""What "nothing of the XSS corpus survives" means for a stored field, checked by parsing."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from factcheck.articles.text_from_html import ALLOWED_TAGS

VECTORS_FILE = Path(__file__).with_name("xss_vectors.txt")
SAFE_SCHEMES = {"http", "https", "mailto", ""}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel"}}


def xss_vectors() -> list[str]:
    lines = VECTORS_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href":
                scheme = urlsplit((value or "").strip()).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    self.problems.append(f"href scheme {scheme!r}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration {data[:20]}")


def html_problems(stored: str) -> list[str]:
    """Every tag, attribute or URL scheme in `stored` that a browser could run."""
    checker = _Checker()
    checker.feed(stored)
    checker.close()
    return checker.problems


def plain_problems(value: str) -> list[str]:
    """Metadata is plain text: no markup at all."""
    return [f"markup in {value[:60]!r}"] if "<" in value or ">" in value else []
