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


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a lowercase role before the name, after the verb
        (
            'Ice is melting. "We found it in the data," said study co-author Professor '
            "Carl Lipo of Binghamton University.",
            "We found it in the data",
            "Carl Lipo",
        ),
        # a possessive role, then the name as an appositive
        (
            'The boy died at sea. "This day is very hard for me," said his father, '
            "Abdullah Kurdi, after the ceremony.",
            "This day is very hard for me",
            "Abdullah Kurdi",
        ),
        # a capitalised word and a lowercase role before the name, verb last
        (
            'It was a hard match. "We knew it would be a battle," University coach Brad '
            "Tronc said.",
            "We knew it would be a battle",
            "Brad Tronc",
        ),
        # a pull quote's credit after a dash
        (
            '"More women are joining every year." \u2014 Aparna Garg, Divisional Manager',
            "More women are joining every year.",
            "Aparna Garg",
        ),
        # "as X put it" after the quote
        (
            'Traffic "ground to a halt for four days" \u2014 as the Supreme Court decision put it.',
            "ground to a halt for four days",
            "Supreme Court",
        ),
        # a verb that attributes only right after a quote
        (
            'Hassan Rouhani spoke in Tehran. "Your presence has always been a calamity", '
            "he continued.",
            "Your presence has always been a calamity",
            "Hassan Rouhani",
        ),
        # a sentence that reports speech gives its subject
        (
            'Joe Biden criticized the move, arguing Trump was "sowing chaos and division '
            'in the cities".',
            "sowing chaos and division in the cities",
            "Joe Biden",
        ),
        # the pronoun takes the previous sentence's subject, not the nearest name
        (
            "Michael Bloomberg left the race and endorsed his rival, Joe Biden. "
            '"I entered the race to defeat Donald Trump," he said.',
            "I entered the race to defeat Donald Trump",
            "Michael Bloomberg",
        ),
        # "X of the Y said": the person, not the organisation
        (
            'Yvette Cooper of the Labour Party added, "This is a deeply dangerous way to govern."',
            "This is a deeply dangerous way to govern.",
            "Yvette Cooper",
        ),
        # a parenthetical aside before the verb is skipped
        (
            "Nikki Holland of the UK's National Crime Agency (NCA) said, \"Offenders cannot "
            'hide from law enforcement."',
            "Offenders cannot hide from law enforcement.",
            "Nikki Holland",
        ),
        # a name cut by a sentence end still counts: "Union. Erdoğan"
        (
            "Turkish President Recep Tayyip Erdoğan spoke. It was condemned by the European "
            'Union. Erdoğan cited the NATO treaty and said, "They need to stand by us."',
            "They need to stand by us.",
            "Recep Tayyip Erdoğan",
        ),
        # a document with its author: "The decree signed by the Pope read"
        (
            'Pope Francis signed a decree. The decree signed by the Pope read "The crimes '
            'of abuse offend Our Lord."',
            "The crimes of abuse offend Our Lord.",
            "Francis",
        ),
    ],
)
def test_speaker_rules(text, quote, speaker):
    got = dict(quotes(text))
    assert got.get(quote) == speaker, got


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a title in quotation marks is nobody's words
        ('Time named Greta Thunberg its 2019 "Person of the Year".', "Person of the Year"),
        # "X said, “…”" after an unattributed quotation introduces the next one
        (
            'The banner read "We will not be moved."  Police chief Greg Allen said, "It was calm."',
            "We will not be moved.",
        ),
    ],
)
def test_no_speaker_where_the_text_gives_none(text, quote):
    got = dict(quotes(text))
    assert got.get(quote, "absent") is None, got
