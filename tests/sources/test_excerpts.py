"""The excerpt check and the link to the excerpt: pure functions, tested exhaustively."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sources.domains import normalise_domain
from factcheck.sources.excerpts import find_excerpt, normalise, text_fragment_url

WORDS = st.lists(
    st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=8),
    min_size=1,
    max_size=40,
)


@given(WORDS, st.integers(0, 39), st.integers(1, 40))
def test_any_stretch_of_a_page_is_found_in_it(words: list[str], start: int, length: int) -> None:
    page = " ".join(words)
    excerpt = " ".join(words[start : start + length])
    if excerpt:
        assert find_excerpt(excerpt, page) == (True, 100.0)


@given(WORDS)
def test_spacing_quotes_and_dashes_do_not_matter(words: list[str]) -> None:
    page = "“" + "\n  ".join(words) + "” — end"
    excerpt = '"' + " ".join(words) + '" - end'
    assert find_excerpt(excerpt, page)[0] is True


@given(st.text(max_size=200))
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


def test_no_excerpt_is_neither_found_nor_missing() -> None:
    assert find_excerpt("  ", "anything") == (None, None)
    assert find_excerpt("x", "") == (False, 0.0)


def test_a_pdf_line_break_hyphen_is_joined() -> None:
    assert find_excerpt("official statistics show", "official statis-\ntics show")[0] is True


def test_a_changed_number_is_not_found() -> None:
    page = "Employers added 272,000 jobs in May, the strongest month since January."
    assert find_excerpt("Employers added 927,000 jobs in May", page)[0] is False


@settings(max_examples=200)
@given(st.lists(st.text(min_size=1, max_size=12).filter(lambda w: w.strip() == w), min_size=1))
def test_a_text_fragment_decodes_to_the_excerpts_words(words: list[str]) -> None:
    words = [w for w in words if w and not any(c.isspace() for c in w)]
    if not words:
        return
    excerpt = " ".join(words)
    link = text_fragment_url("https://example.org/page#old", excerpt)
    base, directive = link.split("#:~:text=")
    assert base == "https://example.org/page"
    parts = directive.split(",")
    assert all("&" not in p and "-" not in p for p in parts)
    decoded = [unquote(p) for p in parts]
    if len(words) <= 10:
        assert decoded == [excerpt]
    else:
        assert decoded == [" ".join(words[:5]), " ".join(words[-5:])]


@pytest.mark.parametrize(
    ("value", "domain"),
    [
        ("https://www.xinhuanet.com/english/", "xinhuanet.com"),
        ("WWW.BLS.GOV", "bls.gov"),
        ("bls.gov/cps/", "bls.gov"),
        ("http://data.ons.gov.uk.:8080/x?y", "data.ons.gov.uk"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("", ""),
    ],
)
def test_domains_are_normalised(value: str, domain: str) -> None:
    assert normalise_domain(value) == domain


@pytest.mark.parametrize("value", ["localhost", "not a domain", "127.0.0.1", "-bad-.org", "a..b"])
def test_what_is_not_a_domain_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        normalise_domain(value)
