"""Per-sentence check-worthiness scorer (pure Python, CPU-only, no Django).

A linear model (logistic regression over binary word unigram/bigram features
plus a handful of hand-written features) trained offline with scikit-learn by
``python -m factcheck.tagging.training.checkworthiness`` on the ClaimBuster
dataset.  The weights are shipped as JSON next to this module and scored here
with one compiled regex, a few dict lookups and a sigmoid.

Public API:

* :func:`score_sentences` - ``list[str] -> list[float]``, each score in
  ``[0, 1]``; ``>= 0.5`` means check-worthy.  The decision threshold chosen at
  training time is folded into the intercept, so 0.5 is the operating point.
* :data:`MODEL_VERSION` - identifies the shipped weights (changes whenever the
  model file changes).

The feature extraction (:func:`features`) is shared with the training code so
train and run time can never disagree.
"""

from __future__ import annotations

import json
import math
import re
from itertools import pairwise, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

__all__ = ["MODEL_PATH", "MODEL_VERSION", "features", "score_sentence", "score_sentences"]

MODEL_PATH: Final = Path(__file__).with_name("checkworthiness_model.json")

# Text is lower-cased and typographic quotes/apostrophes are folded to ASCII.
# One regex yields the tokens: runs of word characters joined by inner
# apostrophes, dots or commas ("don't", "u.s", "3.5", "1,000") and the few
# symbols that carry signal ($ € £ % ? ").  Tokens starting with a digit then
# become placeholders: years 1800-2099 -> <year>, anything else -> <num>.
_FOLD: Final = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_TOKEN_RE: Final = re.compile(r"\w+(?:['.,]\w+)*|[$€£%?\"]")
_DIGIT_RE: Final = re.compile(r"\d")
_YEAR_RE: Final = re.compile(r"(?:1[89]|20)\d\d")
_NUM: Final = "<num>"
_YEAR: Final = "<year>"

_NUMBER_WORDS: Final = frozenset(
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
_PERCENT: Final = frozenset({"%", "percent", "percentage"})
_MONEY: Final = frozenset(
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
_DIGITS: Final = frozenset({_NUM, _YEAR})
_FIRST_PERSON: Final = frozenset(["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"])
_GREETING: Final = frozenset(
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
_OPINION_BIGRAMS: Final = frozenset(
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
_BOS: Final = "<s>"


def _tokens(sentence: str) -> list[str]:
    text = sentence.lower()
    if not text.isascii():
        text = text.translate(_FOLD)
    toks: list[str] = _TOKEN_RE.findall(text)
    if _DIGIT_RE.search(text):
        year = _YEAR_RE.fullmatch
        toks = [((_YEAR if year(t) else _NUM) if t[0].isdecimal() else t) for t in toks]
    return toks


def _hand(sentence: str, toks: list[str]) -> list[str]:
    """Names of the binary hand features active for ``sentence``."""
    n = len(toks)
    hand = [
        "f:len<=4" if n <= 4 else "f:len5-9" if n <= 9 else "f:len10-19" if n <= 19 else "f:len20+"
    ]
    digit = not _DIGITS.isdisjoint(toks)
    numword = not _NUMBER_WORDS.isdisjoint(toks)
    if digit:
        hand.append("f:digit")
        if _YEAR in toks:
            hand.append("f:year")
    if numword:
        hand.append("f:numword")
    if digit or numword:
        hand.append("f:anynumber")
    if not _PERCENT.isdisjoint(toks):
        hand.append("f:percent")
    if not _MONEY.isdisjoint(toks):
        hand.append("f:money")
    if '"' in toks:
        hand.append("f:quote")
    first = not _FIRST_PERSON.isdisjoint(toks)
    if first:
        hand.append("f:first_person")
    if (first or "we" in toks) and not _OPINION_BIGRAMS.isdisjoint(pairwise(toks)):
        hand.append("f:opinion")
    if not _GREETING.isdisjoint(toks):
        hand.append("f:greeting")
    if sentence.rstrip().endswith("?"):
        hand.append("f:question")
    return hand


def features(sentence: str) -> dict[str, float]:
    """Return the active features of ``sentence`` with their values.

    ``w:`` unigram count, ``b:`` bigram count (``<s>`` marks the start), ``f:``
    binary hand feature.  Used by training; :func:`score_sentences` computes
    the same weighted sum without building the names.
    """
    toks = _tokens(sentence)
    out: dict[str, float] = {}
    for t in toks:
        k = "w:" + t
        out[k] = out.get(k, 0.0) + 1.0
    for a, b in zip([_BOS, *toks], toks, strict=False):
        k = "b:" + a + " " + b
        out[k] = out.get(k, 0.0) + 1.0
    for h in _hand(sentence, toks):
        out[h] = 1.0
    return out


class _Model(NamedTuple):
    version: str
    intercept: float
    unigrams: dict[str, float]
    bigrams: dict[tuple[str, str], float]
    hand: dict[str, float]


_model: _Model | None = None


def _compile(version: str, intercept: float, weights: dict[str, float]) -> _Model:
    uni: dict[str, float] = {}
    bi: dict[tuple[str, str], float] = {}
    hand: dict[str, float] = {}
    for name, w in weights.items():
        kind, _, rest = name.partition(":")
        if kind == "w":
            uni[rest] = float(w)
        elif kind == "b":
            a, _, b = rest.partition(" ")
            bi[(a, b)] = float(w)
        elif kind == "f":
            hand[name] = float(w)
        else:
            raise ValueError(f"unknown feature kind in {name!r}")
    return _Model(version, float(intercept), uni, bi, hand)


def _load() -> _Model:
    global _model
    if _model is None:
        with MODEL_PATH.open(encoding="utf-8") as fh:
            data = json.load(fh)
        _model = _compile(str(data["version"]), data["intercept"], data["weights"])
    return _model


def _score(model: _Model, sentences: list[str]) -> list[float]:
    uget = model.unigrams.get
    bget = model.bigrams.get
    hget = model.hand.get
    b0 = model.intercept
    zero = repeat(0.0)
    exp = math.exp
    out: list[float] = []
    for s in sentences:
        toks = _tokens(s)
        z = (
            b0
            + sum(map(uget, toks, zero))
            + sum(map(bget, zip([_BOS, *toks], toks, strict=False), zero))
            + sum(map(hget, _hand(s, toks), zero))
        )
        out.append(1.0 / (1.0 + exp(-z)) if z >= 0 else 1.0 - 1.0 / (1.0 + exp(z)))
    return out


def score_sentences(sentences: list[str]) -> list[float]:
    """Return a check-worthiness score in ``[0, 1]`` per sentence (>= 0.5: check-worthy)."""
    return _score(_load(), sentences)


def score_sentence(sentence: str) -> float:
    """Score one sentence; see :func:`score_sentences`."""
    return _score(_load(), [sentence])[0]


def score_with(weights: dict[str, float], intercept: float, sentences: list[str]) -> list[float]:
    """Score with explicit ``w:/b:/f:`` weights (training uses it on the exported model)."""
    return _score(_compile("", intercept, weights), sentences)


if TYPE_CHECKING:
    MODEL_VERSION: str


def __getattr__(name: str) -> str:
    # MODEL_VERSION is read from the model file lazily so importing this module
    # stays free of file I/O.
    if name == "MODEL_VERSION":
        return _load().version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
