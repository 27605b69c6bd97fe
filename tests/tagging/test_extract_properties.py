"""Property tests: the extractor never crashes and its offsets are always valid."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.tagging.extract import extract, to_json
from factcheck.tagging.extract.sentences import split_sentences

# Pieces that exercise the rules: quote marks, numbers, names, astral and combining
# characters, right-to-left text, stray carriage returns, line breaks.
PIECES = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    " said ",
    " he said, ",
    "According to ",
    "Trump",
    "Donald Trump",
    "President Xi Jinping",
    "CNBC",
    " the CNBC report noted ",
    "$1.2bn",
    "US$",
    "€",
    "£5m",
    "145%",
    " percent",
    "10–15",
    "between 10 and ",
    "nearly ",
    "seventy-five",
    "a third",
    "January 17",
    "May 2025",
    "last Thursday",
    "90-minute",
    "the second",
    "First Lady",
    "Louis XIV",
    "iPhone 15",
    "U.S.",
    "Dr.",
    ". ",
    "! ",
    "? ",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "😀",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "e\u0301",
    "\u200f",
    "שלום",
    "مرحبا",
    "\u00a0",
    "\t",
    "…",
    "—",
    "-",
    "1,000",
    "3.5",
    "0",
    "one",
    " ",
]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map("".join),
)


def _check(text: str) -> None:
    result = extract(text)
    n = len(text)
    for c in result.candidates:
        assert 0 <= c.start < c.end <= n
        assert text[c.start : c.end] == c.text
        assert 0.0 <= c.score <= 1.0
        assert c.kind in ("number", "quote", "attribution")
        if result.sentences:
            assert 0 <= c.sentence < len(result.sentences)
    last_end = 0
    for s in result.sentences:
        assert last_end <= s.start < s.end <= n
        assert 0.0 <= s.score <= 1.0
        last_end = s.end
    data = to_json(result)
    assert len(data["candidates"]) == len(result.candidates)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_never_crashes_and_offsets_are_valid(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_sentences_are_ordered_and_disjoint(text):
    spans = split_sentences(text)
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert s1 < e1 <= s2 < e2
    for s, e in spans:
        assert text[s:e] == text[s:e].strip()


def test_extract_is_deterministic():
    text = "Trump said “it is 10% more,” he added. “Next,” she wrote.\n\n“Go on\n\n“and on.”"
    assert extract(text) == extract(text)


def test_edge_inputs():
    for text in ["", " ", "\n\n", '"', "“", "”", "'", "$", "%", "1", "I", "A.", "\r\n\r\n"]:
        _check(text)


def test_adversarial_inputs_stay_roughly_linear():
    import time

    for text in [
        "said " * 4000,
        ', he said, "x' * 2000,
        "“a ” " * 4000,
        "1-" * 10000,
        "Bob and said " * 2000,
        "according to " * 2000,
    ]:
        t0 = time.process_time()
        _check(text)
        assert time.process_time() - t0 < 3.0, text[:20]
