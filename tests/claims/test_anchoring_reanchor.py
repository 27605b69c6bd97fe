"""Re-anchoring on a revised text: unit cases and Hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from factcheck.claims.anchoring import Anchor, describe, reanchor, reanchor_many
from factcheck.claims.anchoring.diffmap import DiffMap

ARTICLE = (
    "The minister said unemployment fell to 4.2% in March.\n"
    "Critics 👍🏽 said the figure ignored part-time work.\n"
    "قال الوزير إن النمو بلغ 3٪ هذا العام.\n"
    "The minister said unemployment fell to 4.2% in March, again.\n"
    "Zoë Müller, an economist at the cafe\u0301, disagreed."
)


def anchor_of(text: str, quote: str, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return describe(text, start, start + len(quote))


@pytest.mark.parametrize("old_text", [None, ARTICLE])
def test_unchanged_text_is_exact(old_text: str | None) -> None:
    anchor = anchor_of(ARTICLE, "said the figure ignored")
    result = reanchor(ARTICLE, anchor, old_text=old_text)
    assert (result.status, result.anchor, result.original, result.score) == (
        "exact",
        anchor,
        anchor,
        1.0,
    )
    assert result.placed


@pytest.mark.parametrize("old_text", [None, ARTICLE])
def test_moved_when_text_is_inserted_before(old_text: str | None) -> None:
    anchor = anchor_of(ARTICLE, "النمو بلغ 3٪")
    new = "Breaking: 𝒳 update.\n" + ARTICLE
    result = reanchor(new, anchor, old_text=old_text)
    assert result.status == "moved"
    assert result.anchor.start == anchor.start + len("Breaking: 𝒳 update.\n")
    assert result.anchor.exact == anchor.exact
    assert result.anchor.prefix.endswith(anchor.prefix[-10:])


@pytest.mark.parametrize("old_text", [None, ARTICLE])
def test_repeated_quote_keeps_its_own_occurrence(old_text: str | None) -> None:
    quote = "The minister said unemployment fell to 4.2% in March"
    first, second = anchor_of(ARTICLE, quote, 0), anchor_of(ARTICLE, quote, 1)
    new = ARTICLE.replace("Critics 👍🏽 said", "Critics, in a long statement on Monday, said")
    moved = reanchor_many(new, [second, first], old_text=old_text)
    assert [r.status for r in moved] == ["moved", "exact"]
    assert moved[0].anchor.start == new.index(quote, 1)
    assert moved[1].anchor.start == 0


@pytest.mark.parametrize("old_text", [None, ARTICLE])
def test_edited_claim_is_fuzzy_with_the_new_text(old_text: str | None) -> None:
    anchor = anchor_of(ARTICLE, "said the figure ignored part-time work")
    new = ARTICLE.replace("ignored part-time", "ignored all part-time")
    result = reanchor(new, anchor, old_text=old_text)
    assert result.status == "fuzzy"
    assert result.anchor.exact == "said the figure ignored all part-time work"
    assert new[result.anchor.start : result.anchor.end] == result.anchor.exact
    assert 0 < result.score < 1
    assert result.original == anchor


@pytest.mark.parametrize("old_text", [None, ARTICLE])
def test_deleted_claim_is_orphaned_and_keeps_its_anchor(old_text: str | None) -> None:
    anchor = anchor_of(ARTICLE, "Zoë Müller, an economist")
    new = ARTICLE[: ARTICLE.index("Zoë")]
    result = reanchor(new, anchor, old_text=old_text)
    assert (result.status, result.anchor, result.original, result.score) == (
        "orphaned",
        anchor,
        anchor,
        0.0,
    )
    assert not result.placed


def test_an_old_text_that_is_not_the_anchors_is_harmless() -> None:
    anchor = anchor_of(ARTICLE, "said the figure ignored")
    result = reanchor(ARTICLE, anchor, old_text="something else entirely")
    assert result.status == "exact"


def test_empty_new_text_orphans_everything() -> None:
    anchors = [anchor_of(ARTICLE, "4.2%"), anchor_of(ARTICLE, "Zoë")]
    results = reanchor_many("", anchors, old_text=ARTICLE)
    assert [r.status for r in results] == ["orphaned", "orphaned"]
    assert reanchor_many("", []) == []


def test_results_follow_the_input_order() -> None:
    quotes = ["Zoë Müller", "Critics", "النمو", "The minister"]
    anchors = [anchor_of(ARTICLE, q) for q in quotes]
    results = reanchor_many("Update.\n" + ARTICLE, anchors)
    assert [r.original for r in results] == anchors
    assert [r.anchor.exact for r in results] == quotes


def test_position_with_changed_context_prefers_the_better_context() -> None:
    old = "alpha claim beta. gamma claim delta."
    anchor = describe(old, 6, 11)
    # The sentences swapped: the old offset now holds the other sentence's "claim".
    new = "gamma claim delta. alpha claim beta."
    assert new[anchor.start : anchor.end] == "claim"
    result = reanchor(new, anchor)
    assert (result.status, result.anchor.start) == ("moved", 25)


# --- properties --------------------------------------------------------------------------

ALPHABET = "abcdefghij  .,\n👍🏽𝒳é\u0301שלוםقال"
WORDS = st.sampled_from(["the", "minister", "said", "4.2%", "growth", "👍🏽", "𝒳", "שלום", "قال"])
pieces = st.lists(st.one_of(WORDS, st.text(alphabet=ALPHABET, max_size=6)), max_size=12)
chunk = pieces.map(" ".join)


def edit(text: str, data: st.DataObject) -> str:
    """Insert, delete or replace a random stretch of ``text``."""
    i = data.draw(st.integers(0, len(text)), label="at")
    j = data.draw(st.integers(i, min(len(text), i + 20)), label="to")
    return text[:i] + data.draw(chunk, label="with") + text[j:]


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, min_size=1), st.data(), st.booleans())
def test_describe_then_reanchor_unchanged_is_exact(text: str, data: st.DataObject, diff: bool):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = describe(text, start, end)
    result = reanchor(text, anchor, old_text=text if diff else None)
    assert (result.status, result.anchor) == ("exact", anchor)


@settings(max_examples=300)
@given(chunk, chunk.filter(bool), chunk, st.data(), st.booleans())
def test_edits_outside_the_claim_keep_it_at_the_right_place(
    before: str, quote: str, after: str, data: st.DataObject, diff: bool
) -> None:
    old = before + quote + after
    anchor = describe(old, len(before), len(before) + len(quote))
    new_before = data.draw(st.sampled_from([before, edit(before, data)]), label="new before")
    new_after = data.draw(st.sampled_from([after, edit(after, data)]), label="new after")
    new = new_before + quote + new_after
    result = reanchor(new, anchor, old_text=old if diff else None)
    assert result.status in ("exact", "moved")
    start, end = result.anchor.start, result.anchor.end
    assert new[start:end] == quote == result.anchor.exact
    assert result.status == ("exact" if start == anchor.start else "moved")
    if new.count(quote) == 1:
        assert start == len(new_before)


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, min_size=1), st.data(), st.booleans())
def test_a_surviving_claim_is_always_found(text: str, data: st.DataObject, diff: bool) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = describe(text, start, end)
    new = text
    for _ in range(data.draw(st.integers(1, 3))):
        new = edit(new, data)
    result = reanchor(new, anchor, old_text=text if diff else None)
    if anchor.exact in new:
        assert result.status in ("exact", "moved")
    if result.placed:
        assert new[result.anchor.start : result.anchor.end] == result.anchor.exact
    if result.status == "fuzzy":
        budget = int(len(anchor.exact) * 0.25)
        assert Levenshtein.distance(anchor.exact, result.anchor.exact) <= budget
    if result.status == "orphaned":
        assert result.anchor == anchor


SENTENCE = "the minister said growth was 2 percent"
SPEAKERS = ["Ana Souza", "Chen Wei", "Olúwaseun Adé", "Zoë Müller", "José Álvarez", "Priya Nair"]


@settings(max_examples=150)
@given(st.integers(2, 6), st.data(), st.booleans())
def test_repeated_quotes_each_keep_their_paragraph(n: int, data: st.DataObject, diff: bool):
    """The same sentence in n paragraphs, told apart by who reported it."""
    intros = [f"Asked by {SPEAKERS[i]}, " for i in range(n)]
    paragraphs = [f"{intro}{SENTENCE}." for intro in intros]
    old = "\n".join(paragraphs)
    anchors = [anchor_of(old, SENTENCE, i) for i in range(n)]
    deleted = data.draw(st.sets(st.integers(0, n - 1), max_size=n - 1), label="deleted")
    inserted = data.draw(st.lists(chunk, max_size=3), label="inserted")
    kept = [p if i not in deleted else "" for i, p in enumerate(paragraphs)]
    new = "\n".join([*inserted, *kept])
    results = reanchor_many(new, anchors, old_text=old if diff else None)
    for i, result in enumerate(results):
        assert result.status in ("exact", "moved")  # the sentence survives somewhere
        if i not in deleted:
            assert result.anchor.start == new.index(intros[i]) + len(intros[i])


def test_near_identical_repeats_without_the_old_text_are_still_found() -> None:
    """Context that differs by one code point is weak; the quote is still placed."""
    old = "\n".join(f"On day {i} {SENTENCE}." for i in range(4))
    anchors = [anchor_of(old, SENTENCE, i) for i in range(4)]
    new = old[old.index("\n") :]  # the first paragraph emptied
    with_diff = reanchor_many(new, anchors, old_text=old)
    assert [new[r.anchor.start - 9 : r.anchor.start] for r in with_diff[1:]] == [
        "On day 1 ",
        "On day 2 ",
        "On day 3 ",
    ]
    for result in reanchor_many(new, anchors):
        assert result.status == "moved"
        assert new[result.anchor.start : result.anchor.end] == SENTENCE


@settings(max_examples=200)
@given(st.lists(chunk.filter(bool), min_size=2, max_size=6), st.data(), st.booleans())
def test_an_emptied_paragraph_is_orphaned_or_fuzzy(
    paragraphs: list[str], data: st.DataObject, diff: bool
) -> None:
    old = "\n".join(paragraphs)
    k = data.draw(st.integers(0, len(paragraphs) - 1), label="paragraph")
    offset = len("\n".join(paragraphs[:k])) + (1 if k else 0)
    start = data.draw(st.integers(offset, offset + len(paragraphs[k]) - 1), label="start")
    end = data.draw(st.integers(start + 1, offset + len(paragraphs[k])), label="end")
    anchor = describe(old, start, end)
    new = "\n".join(p if i != k else "" for i, p in enumerate(paragraphs))
    assume(anchor.exact not in new)
    result = reanchor(new, anchor, old_text=old if diff else None)
    assert result.status in ("orphaned", "fuzzy")


@settings(max_examples=200)
@given(st.lists(chunk, min_size=1, max_size=8), st.data())
def test_diff_map_moves_untouched_paragraphs(paragraphs: list[str], data: st.DataObject):
    marked = [f"[{i}] {p}" for i, p in enumerate(paragraphs)]  # unique lines
    old = "\n".join(marked)
    changed = list(marked)
    k = data.draw(st.integers(0, len(marked) - 1), label="edited")
    changed[k] = edit(changed[k], data)
    changed.insert(data.draw(st.integers(0, len(changed)), label="at"), "inserted 👍🏽 line")
    new = "\n".join(changed)
    mapping = DiffMap(old, new)
    for i, line in enumerate(marked):
        if i == k or not line:
            continue
        start = old.index(line + "\n" if i < len(marked) - 1 else line)
        span = mapping.map_span(start, start + len(line))
        assert span is not None
        assert new[span[0] : span[1]] == line
        assert mapping.map_point(start) == span[0]


@settings(max_examples=150)
@given(st.lists(chunk.filter(bool), min_size=1, max_size=8), st.data(), st.booleans())
def test_many_anchors_at_once(paragraphs: list[str], data: st.DataObject, diff: bool) -> None:
    old = "\n".join(paragraphs)
    spans = data.draw(
        st.lists(st.tuples(st.integers(0, len(old) - 1), st.integers(1, 30)), max_size=12),
        label="spans",
    )
    anchors = [describe(old, s, min(len(old), s + n)) for s, n in spans]
    new = old
    for _ in range(data.draw(st.integers(0, 3), label="edits")):
        new = edit(new, data)
    results = reanchor_many(new, anchors, old_text=old if diff else None)
    assert [r.original for r in results] == anchors
    for anchor, result in zip(anchors, results, strict=True):
        if anchor.exact in new:
            assert result.status in ("exact", "moved")
        if result.placed:
            assert new[result.anchor.start : result.anchor.end] == result.anchor.exact
        else:
            assert result.anchor == anchor


def test_a_text_without_line_breaks_still_maps() -> None:
    words = " ".join(f"w{i}" for i in range(3000))
    anchors = [anchor_of(words, f" w{i} w{i + 1} ") for i in range(1, 2900, 97)]
    new = "Preface. " + words.replace(" w1500 ", " w1500 inserted ")
    for result in reanchor_many(new, anchors, old_text=words):
        assert result.status == "moved"
        assert new[result.anchor.start : result.anchor.end] == result.original.exact
