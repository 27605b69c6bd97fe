"""quotes.py (with names.py and attributions.py): quote spans and their speakers."""

from __future__ import annotations

import pytest

from factcheck.tagging.extract import extract


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(c.text, c.speaker) for c in extract(text).candidates if c.kind == "quote"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Judge Jackson stated, "Saying sorry is not a plea."',
            [("Saying sorry is not a plea.", "Jackson")],
        ),
        ("“We are ready,” Xi Jinping said.", [("We are ready", "Xi Jinping")]),
        ("“We are ready,” said Xi Jinping.", [("We are ready", "Xi Jinping")]),
        (
            "Donald Trump spoke. “A deal is close,” he said, “but not done.”",
            [("A deal is close", "Donald Trump"), ("but not done.", "Donald Trump")],
        ),
        (
            "Melania Trump spoke. “I am proud,” she said.",
            [("I am proud", "Melania Trump")],
        ),
        ("Nancy Pelosi: “We are committed.”", [("We are committed.", "Nancy Pelosi")]),
        (
            "As CNBC put it, “a temporary thaw in a prolonged trade freeze”.",
            [("a temporary thaw in a prolonged trade freeze", "CNBC")],
        ),
        (
            "Donald Trump met Xi. The call, which Trump described as “very good”, ended.",
            [("very good", "Donald Trump")],
        ),
        (
            "Politico quoted Tim Manning, a former official, as saying “FEMA has a role here”.",
            [("FEMA has a role here", "Tim Manning")],
        ),
        (
            "According to Rutgers University scholar Kelly Dittmar, “Women hold fewer seats.”",
            [("Women hold fewer seats.", "Kelly Dittmar")],
        ),
        (
            "Bernie Sanders left the race, saying “the path is impossible”.",
            [("the path is impossible", "Bernie Sanders")],
        ),
    ],
)
def test_speakers(text, expected):
    assert quotes(text) == expected


def test_nested_single_quotes_stay_inside():
    text = "Bolton wrote: \"I offered to resign and he said, 'Let's talk about it tomorrow.' \""
    (q,) = quotes(text)
    assert q[0].startswith("I offered") and "'Let's talk" in q[0]
    assert q[1] == "Bolton"


def test_multi_paragraph_quote_shares_speaker():
    text = (
        "Mayor Jane Doe said: “The first part runs on.\n\n"
        "“The second part reopens.\n\n“The last part closes.”\n\nOther news."
    )
    found = extract(text).candidates
    parts = [c for c in found if c.kind == "quote"]
    assert [c.text for c in parts] == [
        "The first part runs on.",
        "The second part reopens.",
        "The last part closes.",
    ]
    assert {c.speaker for c in parts} == {"Jane Doe"}
    assert len({c.extra["group"] for c in parts}) == 1


def test_scare_quotes_are_tagged_with_a_low_score():
    (c,) = [
        c
        for c in extract('Officials call it "Super Tuesday" in the US.').candidates
        if c.kind == "quote"
    ]
    assert c.text == "Super Tuesday" and c.speaker is None and c.score < 0.5
    assert c.extra["scare"] is True


def test_unbalanced_quote_does_not_crash_and_scores_low():
    cands = [
        c
        for c in extract("He said “this never closes\n\nNext paragraph.").candidates
        if c.kind == "quote"
    ]
    assert [c.text for c in cands] == ["this never closes"]
    assert cands[0].score <= 0.5
