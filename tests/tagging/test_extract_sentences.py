"""sentences.py: news-text sentence splitting."""

from __future__ import annotations

import pytest

from factcheck.tagging.extract.sentences import split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. delegation left. The talks ended.",
            ["The U.S. delegation left.", "The talks ended."],
        ),
        ("It hit the U.S. The talks ended.", ["It hit the U.S.", "The talks ended."]),
        ("Dr. Joel Smithers was found guilty.", ["Dr. Joel Smithers was found guilty."]),
        ("Mr. Smith met Mrs. Jones at St. Paul's.", ["Mr. Smith met Mrs. Jones at St. Paul's."]),
        ("It began on Dec. 28, when it hit.", ["It began on Dec. 28, when it hit."]),
        ("Acme Inc. said so. Acme Inc. The end.", ["Acme Inc. said so.", "Acme Inc.", "The end."]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        (
            'He said "Stop." Then he left.',
            ['He said "Stop."', "Then he left."],
        ),
        (
            "“Is it?” he asked. “Yes!” she said.",
            ["“Is it?” he asked.", "“Yes!” she said."],
        ),
        (
            "WITH!!!” he wrote in a post.",
            ["WITH!!!” he wrote in a post."],
        ),
        ("approx. 5 people", ["approx. 5 people"]),
        (
            "Trump, Xi agree to talks\nBy: Russ Spencer\nIn a development that matters.",
            ["Trump, Xi agree to talks", "By: Russ Spencer", "In a development that matters."],
        ),
        ("First paragraph\n\n\nSecond paragraph", ["First paragraph", "Second paragraph"]),
        ("|\n...\n", []),
    ],
)
def test_split(text, expected):
    assert sents(text) == expected
