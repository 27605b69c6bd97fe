"""Word tables behind the check-worthiness scorer's hand-written features: numbers,
money, first person, greetings and opinion phrases. Lower-case, quotes folded to ASCII
(as the scorer's tokens are)."""

from __future__ import annotations

from typing import Final

NUMBER_WORDS: Final = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "half",
        "double",
        "doubled",
        "tripled",
        "twice",
        "percent",
        "percentage",
    ]
)
PERCENT: Final = frozenset({"%", "percent", "percentage"})
MONEY: Final = frozenset(
    [
        "$",
        "€",
        "£",
        "dollar",
        "dollars",
        "cents",
        "budget",
        "deficit",
        "debt",
        "tax",
        "taxes",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "million",
        "millions",
    ]
)
FIRST_PERSON: Final = frozenset(["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"])
GREETING: Final = frozenset(
    [
        "thank",
        "thanks",
        "hello",
        "hi",
        "welcome",
        "congratulations",
        "goodnight",
        "goodbye",
        "bye",
        "pleasure",
    ]
)
OPINION_BIGRAMS: Final = frozenset(
    {
        ("i", "think"),
        ("i", "believe"),
        ("i", "feel"),
        ("i", "hope"),
        ("i", "want"),
        ("i", "guess"),
        ("my", "opinion"),
        ("i", "agree"),
        ("i", "disagree"),
        ("we", "must"),
        ("we", "should"),
        ("we", "need"),
        ("i", "would"),
        ("i", "will"),
    }
)
