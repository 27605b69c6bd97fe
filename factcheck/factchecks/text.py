"""Text analysis for matching, shared by indexing and querying (pure Python, no Django):
the same tokens go into the database's full-text index and into the re-ranker, so both
agree on what a term is.

A query is often a social-media post: links, picture links, @handles and the
"— Name (@handle) January 6, 2020" signature are noise for matching, and a hashtag
such as #DefundTheCBC is words run together."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("english")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "cannot",
        "could",
        "couldn't",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "hadn't",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "he'd",
        "he'll",
        "he's",
        "her",
        "here",
        "here's",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "how's",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "let's",
        "me",
        "more",
        "most",
        "mustn't",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "shan't",
        "she",
        "she'd",
        "she'll",
        "she's",
        "should",
        "shouldn't",
        "so",
        "some",
        "such",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "wasn't",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "were",
        "weren't",
        "what",
        "what's",
        "when",
        "when's",
        "where",
        "where's",
        "which",
        "while",
        "who",
        "who's",
        "whom",
        "why",
        "why's",
        "with",
        "won't",
        "would",
        "wouldn't",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "just",
        "via",
        "rt",
        "amp",
        "will",
        "also",
        "say",
        "says",
        "said",
    ]
)

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"\s*[—–-]{1,2}\s*([^—–()@]{0,80}?)\s*\(@\w+\)\s*"
    r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*\"?\s*$"
)
_HANDLE = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ENTITY = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")


def clean(text: str) -> str:
    """The text with links, handles and a post's signature removed, hashtags split."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _URL.sub(" ", text)
    match = _SIGNATURE.search(text)
    if match:
        text = text[: match.start()] + " " + match.group(1)
    text = _HANDLE.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    return text


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Lowercased words of cleaned text, numbers without thousands separators."""
    out = []
    for raw in _WORD.findall(text.replace(",", "") if _NUMBER.search(text) else text):
        word = raw.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        # One token per word in every index (PostgreSQL and FTS5 would split at the mark).
        out.append(word.replace("'", ""))
    return out


def terms(text: str) -> list[str]:
    """The index terms of a text: stemmed words without stopwords, in order."""
    return _terms(clean(text))


def _terms(cleaned: str) -> list[str]:
    return [stem(w) for w in words(cleaned) if (w not in STOPWORDS and len(w) > 1) or w.isdigit()]


def numbers(text: str) -> set[str]:
    return _numbers(clean(text))


def _numbers(cleaned: str) -> set[str]:
    found = set()
    for raw in _NUMBER.findall(cleaned):
        value = raw.replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        found.add(value)
    return found


def entities(text: str) -> set[str]:
    """Stemmed capitalised words: names, places, organisations. A lone capitalised word
    that starts a sentence is left out (it is capitalised for that reason alone)."""
    return _entities(clean(text))


def _entities(cleaned: str) -> set[str]:
    found = set()
    for match in _ENTITY.finditer(cleaned):
        parts = match.group(0).split()
        if len(parts) == 1:
            start = match.start()
            while start and cleaned[start - 1].isspace():
                start -= 1
            if not start or cleaned[start - 1] in '.!?:"“':
                continue
        for word in parts:
            w = word.strip(".'’-").lower().replace("’", "").replace("'", "")
            if w and w not in STOPWORDS:
                found.add(stem(w))
    return found


@dataclass
class Analysed:
    text: str
    terms: list[str]
    numbers: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    cleaned: str = ""


def analyse(text: str) -> Analysed:
    cleaned = clean(text)
    return Analysed(
        text=text,
        terms=_terms(cleaned),
        numbers=_numbers(cleaned),
        entities=_entities(cleaned),
        cleaned=cleaned,
    )
