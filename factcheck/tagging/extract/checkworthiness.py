"""Per-sentence check-worthiness scorer (pure Python, CPU-only, no Django).

A linear model (logistic regression over word unigram/bigram counts, a handful of
hand-written features and the sentence's summed static word vector -- folded into one
number per word, see :func:`_compile`) trained offline with scikit-learn by
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

from .checkworthiness_words import FIRST_PERSON as _FIRST_PERSON
from .checkworthiness_words import GREETING as _GREETING
from .checkworthiness_words import MONEY as _MONEY
from .checkworthiness_words import NUMBER_WORDS as _NUMBER_WORDS
from .checkworthiness_words import OPINION_BIGRAMS as _OPINION_BIGRAMS
from .checkworthiness_words import PERCENT as _PERCENT

__all__ = [
    "MODEL_PATH", "MODEL_VERSION", "features", "score_sentence", "score_sentences", "tokens",
]  # fmt: skip

MODEL_PATH: Final = Path(__file__).with_name("checkworthiness_model.json")

# Text is lower-cased and typographic quotes/apostrophes are folded to ASCII.
# One regex yields the tokens: runs of word characters joined by inner
# apostrophes, dots or commas ("don't", "u.s", "3.5", "1,000") and the few
# symbols that carry signal ($ € £ % ?).  Tokens starting with a digit then
# become placeholders: years 1800-2099 -> <year>, anything else -> <num>.
# Quote marks are not tokens (they must not break the n-gram context); they
# only set the ``f:quote`` hand feature.
_FOLD: Final = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_TOKEN_RE: Final = re.compile(r"\w+(?:['.,]\w+)*|[$€£%?]")
_DIGIT_RE: Final = re.compile(r"\d")
_YEAR_RE: Final = re.compile(r"(?:1[89]|20)\d\d")
_NUM: Final = "<num>"
_YEAR: Final = "<year>"


_BOS: Final = "<s>"


def _tokens(sentence: str) -> tuple[str, list[str]]:
    """Return the folded lower-cased text and its tokens."""
    text = sentence.lower()
    if not text.isascii():
        text = text.translate(_FOLD)
    toks: list[str] = _TOKEN_RE.findall(text)
    if _DIGIT_RE.search(text):
        year = _YEAR_RE.fullmatch
        toks = [((_YEAR if year(t) else _NUM) if t[0].isdecimal() else t) for t in toks]
    return text, toks


# Word-list hand features, computed with one set intersection per sentence:
# each listed token maps to a bit mask, and each mask combination to its
# feature names (table built once at import).
_B_NUM, _B_YEAR, _B_NUMWORD, _B_PCT, _B_MONEY, _B_FIRST, _B_WE, _B_GREET = (
    1 << i for i in range(8)
)
_TOKEN_BITS: Final[dict[str, int]] = {}
for _bit, _words in (
    (_B_NUM, {_NUM}),
    (_B_YEAR, {_YEAR}),
    (_B_NUMWORD, _NUMBER_WORDS),
    (_B_PCT, _PERCENT),
    (_B_MONEY, _MONEY),
    (_B_FIRST, _FIRST_PERSON),
    (_B_WE, {"we"}),
    (_B_GREET, _GREETING),
):
    for _w in _words:
        _TOKEN_BITS[_w] = _TOKEN_BITS.get(_w, 0) | _bit


def _mask_features(mask: int) -> tuple[str, ...]:
    out = []
    digit = bool(mask & (_B_NUM | _B_YEAR))
    if digit:
        out.append("f:digit")
    if mask & _B_YEAR:
        out.append("f:year")
    if mask & _B_NUMWORD:
        out.append("f:numword")
    if digit or mask & _B_NUMWORD:
        out.append("f:anynumber")
    if mask & _B_PCT:
        out.append("f:percent")
    if mask & _B_MONEY:
        out.append("f:money")
    if mask & _B_FIRST:
        out.append("f:first_person")
    if mask & _B_GREET:
        out.append("f:greeting")
    return tuple(out)


_MASK_FEATURES: Final = tuple(_mask_features(m) for m in range(256))
_LEN_FEATURE: Final = tuple(
    "f:len<=4" if n <= 4 else "f:len5-9" if n <= 9 else "f:len10-19" if n <= 19 else "f:len20+"
    for n in range(21)
)


def _hand(text: str, toks: list[str]) -> list[str]:
    """Names of the binary hand features active for ``text`` (as from :func:`_tokens`)."""
    mask = 0
    for t in _TOKEN_BITS.keys() & toks:
        mask |= _TOKEN_BITS[t]
    hand = [_LEN_FEATURE[min(len(toks), 20)], *_MASK_FEATURES[mask]]
    if '"' in text:
        hand.append("f:quote")
    if mask & (_B_FIRST | _B_WE) and not _OPINION_BIGRAMS.isdisjoint(pairwise(toks)):
        hand.append("f:opinion")
    if text.rstrip().endswith("?"):
        hand.append("f:question")
    return hand


def features(sentence: str) -> dict[str, float]:
    """Return the active features of ``sentence`` with their values.

    ``w:`` unigram count, ``b:`` bigram count (``<s>`` marks the start), ``f:``
    binary hand feature.  Used by training; :func:`score_sentences` computes
    the same weighted sum without building the names.
    """
    text, toks = _tokens(sentence)
    out: dict[str, float] = {}
    for t in toks:
        k = "w:" + t
        out[k] = out.get(k, 0.0) + 1.0
    for a, b in zip([_BOS, *toks], toks, strict=False):
        k = "b:" + a + " " + b
        out[k] = out.get(k, 0.0) + 1.0
    for h in _hand(text, toks):
        out[h] = 1.0
    return out


# The batch scorer (:func:`_score`) tokenises all sentences of a call at once: they are
# joined with a separator character (a token of its own, standing in for ``<s>``), and
# number tokens are replaced in the joined text by one placeholder character each
# (``<num>``, ``<year>``), so one ``findall`` yields every sentence's final tokens and
# the unigram and bigram weights are looked up in two C-level passes.  Texts holding
# one of these three characters take the plain per-sentence path.
_SEP: Final = "\x00"
_NUM_CH: Final = "\ue000"
_YEAR_CH: Final = "\ue001"
_BATCH_TOKEN_RE: Final = re.compile(r"\w++(?:['.,]\w++)*+|[$€£%?\x00\ue000\ue001]")
# A number token: a digit that starts a token (no word character before it, nor ['.,]
# after one), with the rest of the token.  The pattern opens with the digit (the
# engine then skips ahead to the next digit) and looks behind it.
_NUM_TOKEN_RE: Final = re.compile(r"\d(?<!\w\d)(?<!\w['.,]\d)\w*(?:['.,]\w+)*")


def _placeholder(m: re.Match[str]) -> str:
    return _YEAR_CH if _YEAR_RE.fullmatch(m.group()) else _NUM_CH


_FOLD_PAIRS: Final = tuple((chr(a), str(b)) for a, b in _FOLD.items())
_PLACEHOLDER: Final = {_NUM: _NUM_CH, _YEAR: _YEAR_CH, _BOS: _SEP}


class _Model(NamedTuple):
    version: str
    intercept: float
    unigrams: dict[str, float]
    bigrams: dict[tuple[str, str], float]
    # hand-feature weights pre-summed per word-list mask and per token count
    mask_weights: tuple[float, ...]
    len_weights: tuple[float, ...]
    quote: float
    opinion: float
    question: float


_model: _Model | None = None


def _compile(
    version: str,
    intercept: float,
    weights: dict[str, float],
    embedding: dict[str, float] | None = None,
) -> _Model:
    """The scorer's tables. ``embedding`` holds one number per word: the model's weights
    for the sentence's summed static word vector, dotted with the word's vector
    (training/checkworthiness.py). A sum over words is linear, so each number simply
    adds to the word's unigram weight: word vectors cost the scorer nothing."""
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
    for word, w in (embedding or {}).items():
        uni[word] = uni.get(word, 0.0) + float(w)
    # the batch path's placeholder characters carry the weights of <num>, <year>, <s>
    ph = _PLACEHOLDER.get
    for t in [t for t in uni if t in _PLACEHOLDER]:
        uni[_PLACEHOLDER[t]] = uni[t]
    for a, b in [k for k in bi if k[0] in _PLACEHOLDER or k[1] in _PLACEHOLDER]:
        bi[(ph(a, a), ph(b, b))] = bi[(a, b)]
    get = hand.get
    return _Model(
        version,
        float(intercept),
        uni,
        bi,
        tuple(sum(get(f, 0.0) for f in names) for names in _MASK_FEATURES),
        tuple(get(f, 0.0) for f in _LEN_FEATURE),
        get("f:quote", 0.0),
        get("f:opinion", 0.0),
        get("f:question", 0.0),
    )


def _load() -> _Model:
    global _model
    if _model is None:
        with MODEL_PATH.open(encoding="utf-8") as fh:
            data = json.load(fh)
        embedding = data.get("embedding", {}).get("words")
        _model = _compile(str(data["version"]), data["intercept"], data["weights"], embedding)
    return _model


_TOKEN_BITS_BATCH: Final = {_PLACEHOLDER.get(t, t): b for t, b in _TOKEN_BITS.items()}


def _batch_tokens(sentences: list[str]) -> tuple[list[str], str] | None:
    """Tokens of all ``sentences`` as :func:`_tokens` gives them, each sentence between
    two ``_SEP`` tokens, and ``<num>``/``<year>`` written as their placeholder characters;
    Also the folded lower-cased joined text.  None when a sentence holds one of these
    three characters."""
    joined = _SEP + _SEP.join(sentences) + _SEP
    if joined.count(_SEP) != len(sentences) + 1 or _NUM_CH in joined or _YEAR_CH in joined:
        return None
    joined = joined.lower()
    if not joined.isascii():
        for a, b in _FOLD_PAIRS:  # str.translate is slow on long texts
            joined = joined.replace(a, b)
    folded = joined
    if _DIGIT_RE.search(joined):
        joined = _NUM_TOKEN_RE.sub(_placeholder, joined)
    toks: list[str] = _BATCH_TOKEN_RE.findall(joined)
    return toks, folded


def _score(model: _Model, sentences: list[str]) -> list[float]:
    # Inlines _hand() with the hand weights pre-summed; the tests check it
    # against the weighted sum over features().
    if not sentences:
        return []
    batch = _batch_tokens(sentences)
    if batch is None:
        return [_score_one(model, s) for s in sentences]
    toks, folded = batch
    zero = repeat(0.0)
    # weights per token and per (previous token, token) pair, over all sentences at once
    uni = list(map(model.unigrams.get, toks, zero))
    # (zip re-uses its result tuple; pairwise allocates one per pair)
    bi = list(map(model.bigrams.get, zip(toks[:-1], toks[1:], strict=True), zero))  # noqa: RUF007
    b0 = model.intercept
    mask_w = model.mask_weights
    len_w = model.len_weights
    bits = _TOKEN_BITS_BATCH
    listed = bits.keys()
    opinion_gate = _B_FIRST | _B_WE
    exp = math.exp
    quote_w = model.quote
    question_w = model.question
    opinion_w = model.opinion
    # the folded sentences (the separator is neither a quote mark nor whitespace)
    texts = folded.split(_SEP)
    index = toks.index
    out: list[float] = []
    i = 1  # toks[0] is the separator before the first sentence
    for s in texts[1:-1]:
        j = index(_SEP, i)
        sent = toks[i:j]
        mask = 0
        if sent:
            for t in listed & sent:
                mask |= bits[t]
        z = b0 + len_w[min(j - i, 20)] + mask_w[mask] + sum(uni[i:j]) + sum(bi[i - 1 : j - 1])
        if '"' in s:
            z += quote_w
        if mask & opinion_gate and not _OPINION_BIGRAMS.isdisjoint(pairwise(sent)):
            z += opinion_w
        if s.rstrip().endswith("?"):
            z += question_w
        out.append(1.0 / (1.0 + exp(-z)) if z >= 0 else 1.0 - 1.0 / (1.0 + exp(z)))
        i = j + 1
    return out


def _score_one(model: _Model, s: str) -> float:
    """One sentence, the plain way (texts holding a batch placeholder character)."""
    uget = model.unigrams.get
    bget = model.bigrams.get
    zero = repeat(0.0)
    text, toks = _tokens(s)
    mask = 0
    for t in _TOKEN_BITS.keys() & toks:
        mask |= _TOKEN_BITS[t]
    z = (
        model.intercept
        + model.len_weights[min(len(toks), 20)]
        + model.mask_weights[mask]
        + sum(map(uget, toks, zero))
        + sum(map(bget, zip([_BOS, *toks], toks, strict=False), zero))
    )
    if '"' in text:
        z += model.quote
    if mask & (_B_FIRST | _B_WE) and not _OPINION_BIGRAMS.isdisjoint(pairwise(toks)):
        z += model.opinion
    if text.rstrip().endswith("?"):
        z += model.question
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else 1.0 - 1.0 / (1.0 + math.exp(z))


def score_sentences(sentences: list[str]) -> list[float]:
    """Return a check-worthiness score in ``[0, 1]`` per sentence (>= 0.5: check-worthy)."""
    return _score(_load(), sentences)


def score_sentence(sentence: str) -> float:
    """Score one sentence; see :func:`score_sentences`."""
    return _score(_load(), [sentence])[0]


def score_with(
    weights: dict[str, float],
    intercept: float,
    sentences: list[str],
    embedding: dict[str, float] | None = None,
) -> list[float]:
    """Score with explicit ``w:/b:/f:`` weights and per-word embedding numbers (training
    uses it on the exported model)."""
    return _score(_compile("", intercept, weights, embedding), sentences)


def tokens(sentence: str) -> list[str]:
    """The scorer's tokens of ``sentence`` (lower-cased; numbers as placeholders)."""
    return _tokens(sentence)[1]


if TYPE_CHECKING:
    MODEL_VERSION: str


def __getattr__(name: str) -> str:
    # MODEL_VERSION is read from the model file lazily so importing this module
    # stays free of file I/O.
    if name == "MODEL_VERSION":
        return _load().version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
