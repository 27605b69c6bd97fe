"""Regex building helpers shared by the extractor modules.

Python's regex engine skips ahead quickly only when a pattern starts with a literal
or a character class.  A prefix tree of literal words keeps that property where a
plain alternation of many words (or a leading ``\\b``) would test every word at
every position; callers then check the character before a match themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["both_cases", "trie"]


def trie(words: Iterable[str]) -> str:
    """A prefix-tree regex matching exactly ``words`` (longest alternative wins)."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            return f"(?:{'|'.join(alts)})?" if alts else ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return build(tree)


def both_cases(words: Iterable[str]) -> list[str]:
    """Each word as written and with its first letter capitalised."""
    return [v for w in words for v in (w, w[0].upper() + w[1:])]
