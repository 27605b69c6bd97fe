"""Anchors and W3C selectors, against the shared fixtures (tests/fixtures/anchoring/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.claims.anchoring import Anchor, check_range, describe, from_selectors, to_selectors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "anchoring"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


DESCRIBE = fixture("describe.json")
OFFSETS = fixture("offsets.json")


@pytest.mark.parametrize("case", DESCRIBE["cases"], ids=lambda c: c["name"])
def test_describe_fixture(case: dict[str, Any]) -> None:
    kwargs = {"context": case["context"]} if "context" in case else {}
    anchor = describe(case["text"], case["start"], case["end"], **kwargs)
    expected = case["expected"]
    assert (anchor.exact, anchor.prefix, anchor.suffix) == (
        expected["exact"],
        expected["prefix"],
        expected["suffix"],
    )
    assert (anchor.start, anchor.end) == (case["start"], case["end"])


@pytest.mark.parametrize("case", DESCRIBE["errors"], ids=lambda c: c["name"])
def test_describe_rejects_bad_ranges(case: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"range .* is not a non-empty span"):
        describe(case["text"], case["start"], case["end"])


@pytest.mark.parametrize("case", OFFSETS["cases"], ids=lambda c: c["name"])
def test_offsets_fixture_is_true_utf16(case: dict[str, Any]) -> None:
    """The TS side trusts these pairs; prove them here with Python's own UTF-16."""
    text = case["text"]
    assert case["codePointLength"] == len(text)
    assert case["utf16Length"] == len(text.encode("utf-16-le")) // 2
    assert [cp for _, cp in case["pairs"]] == list(range(len(text) + 1))
    for utf16, cp in case["pairs"]:
        assert len(text[:cp].encode("utf-16-le")) // 2 == utf16
    for inside in case["insideSurrogatePair"]:
        assert ord(text[inside["down"]]) > 0xFFFF
        assert inside["up"] == inside["down"] + 1
        assert len(text[: inside["down"]].encode("utf-16-le")) // 2 == inside["utf16"] - 1


def test_check_range_messages() -> None:
    check_range("abc", 0, 3)
    with pytest.raises(ValueError, match="need 0 <= start < end <= 3"):
        check_range("abc", 2, 4)
    with pytest.raises(ValueError, match="start must be an integer"):
        check_range("abc", "0", 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="end must be an integer"):
        check_range("abc", 0, True)
    with pytest.raises(ValueError, match="context must be >= 0"):
        describe("abc", 0, 1, context=-1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": 3, "end": 3, "exact": ""}, "0 <= start < end"),
        ({"start": -1, "end": 2, "exact": "abc"}, "0 <= start < end"),
        ({"start": 0, "end": 2, "exact": "abc"}, "exact has 3 code points but the span 0..2"),
        ({"start": 0, "end": 2, "exact": "👍"}, "exact has 1 code points"),
        ({"start": 0.0, "end": 2, "exact": "ab"}, "start must be an integer"),
        ({"start": 0, "end": 2, "exact": None}, "exact must be a string"),
        ({"start": 0, "end": 2, "exact": "ab", "prefix": 1}, "prefix must be a string"),
    ],
)
def test_anchor_invariants(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Anchor(**kwargs)


def test_to_selectors_is_w3c_json() -> None:
    anchor = describe("Zoë said 👍🏽 twice", 9, 11)
    assert to_selectors(anchor) == [
        {"type": "TextPositionSelector", "start": 9, "end": 11},
        {"type": "TextQuoteSelector", "exact": "👍🏽", "prefix": "Zoë said ", "suffix": " twice"},
    ]
    assert json.loads(json.dumps(to_selectors(anchor))) == to_selectors(anchor)


def test_from_selectors_reads_lists_refinements_and_ignores_others() -> None:
    anchor = describe("one two three", 4, 7)
    position, quote = to_selectors(anchor)
    assert from_selectors([quote, {"type": "CssSelector", "value": "p"}, position]) == anchor
    assert from_selectors({**position, "refinedBy": quote}) == anchor
    assert from_selectors({"type": "CssSelector", "refinedBy": [position, quote]}) == anchor
    bare = {"type": "TextQuoteSelector", "exact": "two"}
    assert from_selectors([position, bare]) == Anchor(4, 7, "two")


@pytest.mark.parametrize(
    ("selectors", "message"),
    [
        ([{"type": "TextQuoteSelector", "exact": "two"}], "need a TextPositionSelector"),
        ([{"type": "TextPositionSelector", "start": 4, "end": 7}], "need a TextQuoteSelector"),
        (
            [{"type": "TextPositionSelector", "start": 4, "end": 7}, {"type": "TextQuoteSelector"}],
            "needs 'exact'",
        ),
        (
            [
                {"type": "TextPositionSelector", "start": 4},
                {"type": "TextQuoteSelector", "exact": "two"},
            ],
            "end must be an integer",
        ),
        (
            [
                {"type": "TextPositionSelector", "start": 4, "end": 7},
                {"type": "TextQuoteSelector", "exact": "three"},
            ],
            "exact has 5 code points",
        ),
        (["not a selector"], "must be an object"),
    ],
)
def test_from_selectors_errors(selectors: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_selectors(selectors)


@given(st.text(min_size=1), st.data())
def test_describe_round_trips_through_selectors(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = describe(text, start, end)
    assert anchor.exact == text[start:end]
    assert text[start - len(anchor.prefix) : start] == anchor.prefix
    assert text.startswith(anchor.suffix, end)
    assert len(anchor.prefix) == min(32, start)
    assert len(anchor.suffix) == min(32, len(text) - end)
    assert from_selectors(to_selectors(anchor)) == anchor
