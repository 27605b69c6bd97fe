"""Bytes of unknown encoding in, text out: a declared charset, a BOM, strict UTF-8, then
charset_normalizer's best guess; nothing decodable is a clear error, never mojibake."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from rest_framework.exceptions import ValidationError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(data: bytes, declared: str | None = None, field: str = "file") -> str:
    """Decode `data`; raise a ValidationError naming `field` when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return text
    text = _try(data, declared)
    if text is None:
        meta = _META_CHARSET.search(data[:4096])
        text = _try(data, meta.group(1).decode("ascii") if meta else None)
    if text is None:
        text = _try(data, "utf-8")
    if text is None:
        text = _guess(data)
    if text is None or "\x00" in text:
        raise ValidationError(
            {field: ["The file is not readable text: its encoding could not be detected."]}
        )
    return text


def _guess(data: bytes) -> str | None:
    """charset_normalizer's best guess; among equally good guesses windows-1252 wins, as
    the web's default for undeclared 8-bit text (short samples leave many ties)."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and match.encoding in ("cp1252", "latin_1", "iso8859_15"):
            return str(match)
    return str(best)
