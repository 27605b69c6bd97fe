"""The extractor on the demo article (tests/fixtures/tagging/trump-xi-trade-call.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.tagging.extract import TAGGER_VERSION, Candidate, extract, to_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tagging"
TEXT = (FIXTURES / "trump-xi-trade-call.txt").read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def result():
    return extract(TEXT)


def _find(result, kind: str, text: str) -> Candidate:
    for c in result.candidates:
        if c.kind == kind and c.text == text:
            return c
    got = [c.text for c in result.candidates if c.kind == kind]
    raise AssertionError(f"no {kind} {text!r}; got {got}")


def test_offsets_match_text(result):
    assert result.tagger_version == TAGGER_VERSION
    for c in result.candidates:
        assert TEXT[c.start : c.end] == c.text
        assert 0 <= c.score <= 1
        s = result.sentences[c.sentence]
        assert s.start <= c.start < s.end


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("90-minute", 90, "minute", None),
        ("145%", 145, "percent", None),
        ("10%", 10, "percent", None),
        ("125%", 125, "percent", None),
        ("nearly $600 billion", 600e9, "USD", "nearly"),
        ("2024", 2024, "date", None),
        ("second", 2, None, None),
    ],
)
def test_numbers(result, text, value, unit, qualifier):
    c = _find(result, "number", text)
    assert c.value == pytest.approx(value)
    assert c.unit == unit
    assert c.qualifier == qualifier


def test_dates(result):
    c = _find(result, "number", "January 17")
    assert c.value is None and c.unit == "date" and c.extra["date"] == "XXXX-01-17"
    _find(result, "number", "April")


def test_not_numbers(result):
    texts = {c.text for c in result.candidates if c.kind == "number"}
    assert "First" not in texts and "Lady" not in texts  # "First Lady" is an honorific
    assert not any("one-on-one" in t or t == "one" for t in texts)


@pytest.mark.parametrize(
    ("start", "speaker"),
    [
        ("very good", "Donald Trump"),
        ("almost entirely focused on trade.", "Donald Trump"),
        ("resulted in a very positive conclusion", "Donald Trump"),
        ("There should no longer be any questions", "Donald Trump"),
        ("I like President XI of China", "Donald Trump"),  # "he wrote": pronoun resolved
        ("reciprocated", "Donald Trump"),
        ("a temporary thaw in a prolonged trade freeze", "CNBC"),  # "As CNBC put it"
    ],
)
def test_quote_speakers(result, start, speaker):
    quotes = [c for c in result.candidates if c.kind == "quote" and c.text.startswith(start)]
    assert quotes, start
    assert quotes[0].speaker == speaker


def test_scare_quote_scores_lower(result):
    short = _find(result, "quote", "very good")
    long = next(c for c in result.candidates if c.text.startswith("There should no longer"))
    assert short.score < long.score


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("As reported by CNBC", "CNBC"),
        ("According to the CNBC report", "CNBC"),
        ("CNBC emphasized", "CNBC"),
        ("the CNBC report noted", "CNBC"),
        ("As CNBC reported", "CNBC"),
        ("the report on CNBC highlighted", "CNBC"),
        ("confirmed by CNBC", "CNBC"),
        ("according to the White House", "White House"),
        ("As CNBC put it", "CNBC"),
        ("he wrote", "Donald Trump"),
        (
            "Beijing’s Ministry of Foreign Affairs and China’s embassy in Washington confirmed",
            "Ministry of Foreign Affairs",
        ),
    ],
)
def test_attributions(result, text, source):
    assert _find(result, "attribution", text).source == source


def test_sentences(result):
    spans = [(s.start, s.end) for s in result.sentences]
    assert spans == sorted(spans)
    texts = [TEXT[s:e] for s, e in spans]
    assert "By: Russ Spencer" in texts  # a byline is its own sentence
    assert any(
        t.startswith("In a development") and t.endswith("two largest economies.") for t in texts
    )
    assert all(0 <= s.score <= 1 for s in result.sentences)


def test_to_json_shape(result):
    data = to_json(result)
    assert set(data) == {"candidates", "sentences"}
    for d in data["candidates"]:
        assert TEXT[d["start"] : d["end"]] == d["text"]
        if d["kind"] == "number":
            assert "value" in d
        elif d["kind"] == "quote":
            assert set(d) == {"kind", "start", "end", "text", "speaker", "checkable"}
        else:
            assert set(d) - {"sources"} == {"kind", "start", "end", "text", "source", "checkable"}
    plain = next(d for d in data["candidates"] if d["text"] == "2024")
    assert plain["unit"] == "date"


def test_heuristic_scores_when_the_trained_scorer_is_missing(monkeypatch):
    import factcheck.tagging.extract as extract_module

    monkeypatch.setattr(extract_module, "_scorer", lambda: extract_module._heuristic_scores)
    result = extract(TEXT)
    assert result.sentences
    assert all(0.0 <= s.score <= 1.0 for s in result.sentences)
    claim = next(s for s in result.sentences if "145%" in TEXT[s.start : s.end])
    byline = next(s for s in result.sentences if TEXT[s.start : s.end] == "By: Russ Spencer")
    assert claim.score >= 0.5 > byline.score


def test_uses_the_trained_scorer_when_present():
    from factcheck.tagging.extract import _scorer
    from factcheck.tagging.extract.checkworthiness import score_sentences

    assert _scorer() is score_sentences


def _noise(c: Candidate) -> bool:
    """Bare months, ordinals, small plain counts, relative dates: never checked alone."""
    if c.kind != "number":
        return False
    kind = c.extra.get("kind")
    if kind == "ordinal" or c.extra.get("relative"):
        return True
    if kind == "date" and not any(ch.isdigit() for ch in c.text):
        return True
    return kind == "count" and c.value is not None and c.value <= 10 and not c.qualifier


def test_noise_is_below_the_display_threshold(result):
    from factcheck.tagging.extract import CHECKABLE_THRESHOLD

    shown = [c for c in result.candidates if c.checkable >= CHECKABLE_THRESHOLD]
    hidden = [c for c in result.candidates if c.checkable < CHECKABLE_THRESHOLD]
    noisy = [c.text for c in shown if _noise(c)]
    assert len(noisy) <= 0.10 * len(shown), noisy
    # nothing real hidden: every hidden candidate is noise or an unattributed scare quote
    for c in hidden:
        assert _noise(c) or (c.kind == "quote" and c.extra.get("scare")), c.text
    kept = {c.text for c in shown}
    for real in ("145%", "nearly $600 billion", "90-minute", "January 17", "very good"):
        assert real in kept
    assert {c.text for c in hidden} >= {"May", "April", "first", "second", "this year", "two"}
    assert all(0.0 <= c.checkable <= 1.0 for c in result.candidates)


def test_json_carries_iso_dates_and_checkable(result):
    data = to_json(result)
    by_text = {d["text"]: d for d in data["candidates"]}
    assert by_text["January 17"]["date"] == "XXXX-01-17"
    assert by_text["April"]["date"] == "XXXX-04"
    assert by_text["2024"]["date"] == "2024" and by_text["2024"]["value"] == 2024
    assert by_text["this year"]["date"] is None
    assert all("checkable" in d for d in data["candidates"])


def test_coordinated_sources_are_both_named(result):
    c = _find(
        result,
        "attribution",
        "Beijing’s Ministry of Foreign Affairs and China’s embassy in Washington confirmed",
    )
    assert c.extra["sources"] == ["Ministry of Foreign Affairs", "China's embassy"]
    (d,) = [d for d in to_json(result)["candidates"] if d["start"] == c.start]
    assert d["source"] == "Ministry of Foreign Affairs" and d["sources"] == c.extra["sources"]
