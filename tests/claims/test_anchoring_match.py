"""The quote matcher and the approximate search under it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.claims.anchoring import match_quote
from factcheck.claims.anchoring.approx import (
    approximate_matches,
    prefix_distances,
    search_distances,
    start_for_end,
)
from factcheck.claims.anchoring.match import find_exact, find_fuzzy, score_candidate, similarity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "anchoring"
MATCH = json.loads((FIXTURES / "match.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", MATCH["cases"], ids=lambda c: c["name"])
def test_match_fixture(case: dict[str, Any]) -> None:
    found = match_quote(case["text"], case["exact"], case["prefix"], case["suffix"], case["hint"])
    expected = case["expected"]
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.start, found.end) == (expected["start"], expected["end"])
    kind = "exact" if case["text"][found.start : found.end] == case["exact"] else "fuzzy"
    assert kind == expected["kind"]
    assert 0.0 < found.score <= 1.0


def test_empty_quote_is_an_error() -> None:
    for fn in (find_exact, find_fuzzy, match_quote):
        with pytest.raises(ValueError, match="empty quote"):
            fn("text", "")
    with pytest.raises(ValueError, match="empty pattern"):
        approximate_matches("", "text", 1)


def test_empty_text_never_matches() -> None:
    assert match_quote("", "anything at all here", hint=0) is None


def test_score_is_one_for_a_perfect_exact_match_at_the_hint() -> None:
    text = "alpha beta gamma"
    assert score_candidate(text, 6, 10, 1.0, "alpha ", " gamma", 6) == 1.0
    assert score_candidate(text, 6, 10, 1.0, "alpha ", " gamma", None) == 1.0
    assert score_candidate(text, 6, 10, 1.0, "ALPHA ", " gamma", 6) < 1.0


def test_similarity() -> None:
    assert similarity("", "") == 1.0
    assert similarity("abc", "") == 0.0
    assert similarity("abcd", "abxd") == 0.75


def test_context_outweighs_position_and_position_breaks_ties() -> None:
    text = "x said A. y said A. z said A."

    def start(prefix: str, hint: int | None) -> int:
        found = find_exact(text, "A", prefix=prefix, hint=hint)
        assert found is not None
        return found.start

    assert start("y said ", len(text)) == 17
    assert start("", len(text)) == 27
    assert start("", 0) == 7
    assert start("", None) == 7


def test_whole_text_fuzzy_search_far_from_the_hint() -> None:
    filler = "lorem ipsum dolor sit amet " * 200
    text = filler + "the committee approved the budget of 4.1 billion on Tuesday" + filler
    found = match_quote(text, "the committee approved the budget of 4.2 billion", hint=10)
    assert found is not None
    assert text[found.start : found.end] == "the committee approved the budget of 4.1 billion"


def test_short_quotes_are_only_fuzzy_near_the_hint() -> None:
    text = "x" * 2000 + " 4.3% " + "x" * 2000
    assert match_quote(text, "4.2%", hint=2000) is not None
    assert match_quote(text, "4.2%", hint=0) is None


def levenshtein_rows(pattern: str, text: str, free_start: bool) -> list[int]:
    """The textbook dynamic programme the bit-parallel version must agree with."""
    row = list(range(len(pattern) + 1))
    out = []
    for j, char in enumerate(text):
        new = [0 if free_start else j + 1]
        for i in range(1, len(pattern) + 1):
            new.append(min(row[i] + 1, new[i - 1] + 1, row[i - 1] + (pattern[i - 1] != char)))
        out.append(new[-1])
        row = new
    return out


small = st.text(alphabet="abc👍\u0301", max_size=30)


@given(st.text(alphabet="abc👍\u0301", min_size=1, max_size=70), small)
def test_myers_agrees_with_the_textbook_dp(pattern: str, text: str) -> None:
    assert search_distances(pattern, text) == levenshtein_rows(pattern, text, True)
    assert prefix_distances(pattern, text) == levenshtein_rows(pattern, text, False)


@given(st.text(alphabet="abc", min_size=1, max_size=12), small, st.integers(0, 4))
def test_approximate_matches_are_within_budget_and_optimal(
    pattern: str, text: str, budget: int
) -> None:
    from rapidfuzz.distance import Levenshtein

    found = approximate_matches(pattern, text, budget)
    best = min(search_distances(pattern, text), default=len(pattern))
    for start, end, edits in found:
        assert 0 <= start < end <= len(text)
        assert edits == Levenshtein.distance(pattern, text[start:end]) <= budget
    if best <= budget and best < len(pattern):
        assert any(edits == best for _, _, edits in found)
    else:
        assert all(edits <= budget for _, _, edits in found)


def test_start_for_end_prefers_the_pattern_length() -> None:
    text = "xx abcd yy"
    assert start_for_end("abcd", text, 7, 1) == (3, 0)
    assert start_for_end("abcd", "abXd", 4, 1) == (0, 1)


@given(st.text(min_size=1, max_size=200), st.data())
def test_an_exact_quote_is_always_found_exactly(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    hint = data.draw(st.none() | st.integers(0, len(text)))
    found = match_quote(text, text[start:end], text[max(0, start - 32) : start], "", hint)
    assert found is not None
    assert text[found.start : found.end] == text[start:end]
