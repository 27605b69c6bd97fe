"""Text pasted from a news page carries the page's furniture: audio-player prompts,
share-button labels, stray separators, a "By: Name" byline. Drop those lines (whole lines
only, and only short ones, so a sentence of the article is never touched) and turn the
byline into the author. The caller keeps the original."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Lines that are page furniture when they stand alone.
_CRUFT = re.compile(
    r"""^(?:
        getting\ your\ .{0,40}\ player\ ready.*
      | listen\ to\ (?:this\ )?(?:article|story).*
      | (?:play|pause|stop)\ (?:audio|podcast|article)
      | (?:(?:share|tweet|email|print|copy\ link|save|comment|comments|follow|subscribe
          |whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|telegram|flipboard|messenger)
          (?:\ (?:this|on|to|via)\ ?(?:article|story|page|facebook|twitter|x|linkedin|email
          |whatsapp|reddit|pinterest|telegram|messenger)?)?[\ \t|•·,]*)+
      | share\ this(?:\ article|\ story)?:?
      | advertisement | sponsored(?:\ content)? | ad
      | read\ more:?  | related(?:\ articles|\ stories)?:?
      | \d+\s*(?:min|minute)s?\ read
      | [|•·\-–—_*~/\\]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|author)\s*:?\s+(?P<name>[^\W\d_][\w.'’\- ]{1,80}?"
    r"(?:\s*(?:,|and|&)\s*[^\W\d_][\w.'’\- ]{1,80}?)*)\s*$",
    re.IGNORECASE,
)
# A byline or cruft is looked for only at the top and bottom of the text.
_EDGE_LINES = 8
_MAX_CRUFT_LENGTH = 80


_CONNECTORS = {"and", "&", ",", "de", "van", "von", "der", "da", "di", "la", "le", "al", "bin"}


def _looks_like_names(name: str) -> bool:
    """ "By: Russ Spencer" is a byline; "By the numbers" is a heading."""
    words = name.replace(",", " , ").split()
    return 0 < len(words) <= 12 and all(
        word.lower() in _CONNECTORS or word[0].isupper() for word in words
    )


@dataclass
class Cleaned:
    text: str
    author: str = ""
    dropped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.dropped)


def clean_pasted_text(text: str) -> Cleaned:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    edge = set(content[:_EDGE_LINES]) | set(content[-_EDGE_LINES:])
    keep: list[str] = []
    dropped: list[str] = []
    author = ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in edge and len(stripped) <= _MAX_CRUFT_LENGTH:
            byline = _BYLINE.match(stripped)
            if byline and not author and _looks_like_names(byline.group("name")):
                author = byline.group("name").strip()
                dropped.append(line)
                continue
            if _CRUFT.match(stripped):
                dropped.append(line)
                continue
        keep.append(line)
    return Cleaned(text="\n".join(keep), author=author, dropped=dropped)
