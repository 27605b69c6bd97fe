"""attributions.py (with names.py): attribution spans and normalised sources."""

from __future__ import annotations

import pytest

from factcheck.tagging.extract import extract
from factcheck.tagging.extract.names import NameIndex


def attributions(text: str) -> list[tuple[str, str | None]]:
    return [(c.text, c.source) for c in extract(text).candidates if c.kind == "attribution"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to the CNBC report, talks resume.", ("According to the CNBC report", "CNBC")),
        (
            "According to the report on CNBC, talks resume.",
            ("According to the report on CNBC", "CNBC"),
        ),
        ("As reported by CNBC, both sides agreed.", ("As reported by CNBC", "CNBC")),
        ("As CNBC reported, markets fell.", ("As CNBC reported", "CNBC")),
        ("CNBC emphasized that the timing mattered.", ("CNBC emphasized", "CNBC")),
        (
            "Still, the report on CNBC highlighted that it grew.",
            ("the report on CNBC highlighted", "CNBC"),
        ),
        (
            "Beijing’s Ministry of Foreign Affairs confirmed that Trump had requested the call.",
            ("Beijing’s Ministry of Foreign Affairs confirmed", "Ministry of Foreign Affairs"),
        ),
        ("Experts warned that prices will rise.", ("Experts warned", "Experts")),
        ("Authorities said they found remains.", ("Authorities said", "Authorities")),
        (
            "Police press officer Monika Kosiec stated police believe him to be 25.",
            ("Police press officer Monika Kosiec stated", "Monika Kosiec"),
        ),
        (
            "The Vice President, Mike Pence, said on Friday it was a crisis.",
            ("The Vice President, Mike Pence, said", "Mike Pence"),
        ),
        (
            "Senate Minority Whip Dick Durbin spoke. Durbin said it was wrong.",
            ("Durbin said", "Dick Durbin"),
        ),
        (
            "BBC's Jonathan Marcus said questions remain.",
            ("BBC's Jonathan Marcus said", "Jonathan Marcus"),
        ),
        ("the prices were up, according to WSET-TV.", ("according to WSET-TV", "WSET-TV")),
    ],
)
def test_sources(text, expected):
    assert expected in attributions(text)


def test_acts_are_not_attributions():
    assert attributions("Donald Trump declared a national emergency on Friday.") == []
    assert attributions("Goa's government announced three days of mourning.") == []


def test_attributions_inside_quotes_are_skipped():
    text = "Patricia Spearman said, “Women in Nevada have said it is time.”"
    assert [t for t, _ in attributions(text)] == ["Patricia Spearman said"]


@pytest.mark.parametrize(
    ("text", "pronoun_at", "pronoun", "expected"),
    [
        ("President Donald Trump met Xi. Later he wrote a post.", "he wrote", "he", "Donald Trump"),
        ("First Lady Melania Trump spoke. She said it.", "She said", "she", "Melania Trump"),
        ("The White House spoke. It said no.", "It said", "it", "White House"),
    ],
)
def test_pronouns(text, pronoun_at, pronoun, expected):
    names = NameIndex(text, [])
    assert names.antecedent(text.index(pronoun_at), pronoun) == expected


def test_surname_map_keeps_the_first_full_name():
    text = "President Donald Trump spoke. First Lady Melania Trump waved. Trump left."
    names = NameIndex(text, [])
    assert names.resolve("Trump") == "Donald Trump"
    assert names.resolve("Chinese President Xi Jinping") == "Xi Jinping"
    assert names.mentions[-1].name == "Donald Trump"


@pytest.mark.parametrize(
    ("text", "span", "source"),
    [
        # a possessive role resolves through the pronoun's antecedent
        (
            'Acme Corp. was fined on Monday. "We will appeal," its director said.',
            "its director said",
            "Acme Corp's director",
        ),
        ("China’s embassy in Washington said on Friday it would reply.", None, "China's embassy"),
        # a name with "and" inside stays one source
        (
            "The Ministry of Trade and Industry said exports fell.",
            None,
            "Ministry of Trade and Industry",
        ),
        # documents still give way to their owner
        ("Senator Amy Klobuchar spoke. Klobuchar's campaign said she won.", None, "Amy Klobuchar"),
        # a title resolves to the person named with it earlier
        (
            "President Joe Biden met aides on Monday. The president said talks would go on.",
            None,
            "Joe Biden",
        ),
    ],
)
def test_owned_roles_and_coordination(text, span, source):
    got = [(t, src) for t, src in attributions(text) if span is None or t == span]
    assert got and got[-1][1] == source, got
