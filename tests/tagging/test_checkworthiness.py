"""Check-worthiness scorer: model file, score range, calibration, speed, held-out F1."""

from __future__ import annotations

import functools
import json
import math
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.tagging.extract import checkworthiness as cw
from factcheck.tagging.training import claimbuster

REPO = Path(__file__).resolve().parents[2]
CLAIMBUSTER = REPO / ".." / "shared" / "datasets" / "claimbuster"

# Held-out F1 of the shipped model as printed by the training command
# (0.6866 for cw-lr-1cc7e5d2e168; 0.6696 before word vectors); the floor leaves room
# for retraining noise.
HELDOUT_F1_FLOOR = 0.68
# CheckThat! 2024 dev-test (validation only; 0.784 measured, 0.710 before word vectors)
CHECKTHAT_F1_FLOOR = 0.75
CHECKTHAT = REPO / ".." / "shared" / "datasets" / "checkthat2024-devtest"

HIGH = [
    "Unemployment fell to 3.5% in 2019.",
    'The minister said "crime rose 20 percent last year."',
    "She said: \u201cThe deficit doubled under this government.\u201d",
    "The company reported revenue of $4.2 billion in the third quarter.",
    "According to the report, 40,000 jobs were lost.",
    "He voted against the tax cut 12 times.",
]
LOW = [
    "Thank you very much, everyone.",
    "What do you think?",
    "I think he's a great guy.",
    "Good evening and welcome.",
    "In my opinion, the plan is terrible.",
    "Is that true?",
    "I love this country.",
]


@functools.cache
def _model_json() -> dict:
    return json.loads(cw.MODEL_PATH.read_text(encoding="utf-8"))


def test_model_file_loads_and_is_self_describing() -> None:
    data = _model_json()
    assert data["version"] == cw.MODEL_VERSION
    assert cw.MODEL_VERSION.startswith("cw-lr-")
    assert isinstance(data["intercept"], float)
    assert data["n_weights"] == len(data["weights"]) > 1000
    assert all(k[:2] in {"w:", "b:", "f:"} for k in data["weights"])
    assert {"precision", "recall", "f1"} <= data["metrics"]["heldout"].keys()
    assert "ClaimBuster" in data["trained_on"]["dataset"]
    assert cw.MODEL_PATH.stat().st_size < 25_000_000  # the limit; ~0.7 MB now
    assert data["format"] == "factcheck.checkworthiness.linear/2"
    words = data["embedding"]["words"]
    assert len(words) > 10_000 and all(isinstance(a, float) for a in words.values())


def test_scores_in_unit_interval_and_one_per_sentence() -> None:
    sents = [*HIGH, *LOW, "", " ", "?", '"', "1", "x" * 10_000]
    scores = cw.score_sentences(sents)
    assert len(scores) == len(sents)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert cw.score_sentences([]) == []


def test_deterministic() -> None:
    sents = [*HIGH, *LOW]
    assert cw.score_sentences(sents) == cw.score_sentences(sents)
    assert cw.score_sentences(sents) == [cw.score_sentence(s) for s in sents]


@pytest.mark.parametrize("sentence", HIGH)
def test_factual_numeric_and_quoted_claims_are_check_worthy(sentence: str) -> None:
    assert cw.score_sentence(sentence) >= 0.5


@pytest.mark.parametrize("sentence", LOW)
def test_greetings_questions_opinions_are_not(sentence: str) -> None:
    assert cw.score_sentence(sentence) < 0.5


def test_ordering() -> None:
    claim, thanks, question, opinion = cw.score_sentences(
        [
            "Unemployment fell to 3.5% in 2019.",
            "Thank you very much, everyone.",
            "What do you think?",
            "I think he's a great guy.",
        ]
    )
    assert claim > 0.5 > max(thanks, question, opinion)
    assert min(HIGH_SCORES := cw.score_sentences(HIGH)) > max(cw.score_sentences(LOW))
    assert len(HIGH_SCORES) == len(HIGH)


def test_numbers_and_quotes_raise_the_score() -> None:
    plain, numeric = cw.score_sentences(
        ["Crime rose last year.", "Crime rose 20 percent last year."]
    )
    assert numeric > plain
    bare, quoted = cw.score_sentences(
        ["Crime rose 20 percent last year.", '"Crime rose 20 percent last year."']
    )
    assert quoted >= bare  # a quote mark never counts against a sentence


def test_typographic_and_ascii_quotes_score_alike() -> None:
    a, b = cw.score_sentences(['He said "we cut taxes."', "He said \u201cwe cut taxes.\u201d"])
    assert a == b


def _expected(sentence: str) -> float:
    """The model by its definition: the dot product over the training feature names, plus
    each word's word-vector number."""
    data = _model_json()
    weights: dict[str, float] = data["weights"]
    words: dict[str, float] = data["embedding"]["words"]
    z = data["intercept"] + sum(weights.get(k, 0.0) * v for k, v in cw.features(sentence).items())
    z += sum(words.get(t, 0.0) for t in cw.tokens(sentence))
    return 1.0 / (1.0 + math.exp(-z))


def test_fast_path_matches_training_features() -> None:
    """The run-time sum equals the model's definition (see _expected)."""
    sents = [*HIGH, *LOW, "", "Wait -- 1,000,000 in 1999, 2101 or 3rd?", "I'm sure we must."]
    for s, got in zip(sents, cw.score_sentences(sents), strict=True):
        assert got == pytest.approx(_expected(s), abs=1e-12)


def test_number_placeholders() -> None:
    f = cw.features("In 2019 it was 3.5% and 1,000 people; in 2200 too.")
    assert f["w:<year>"] == 1.0
    assert f["w:<num>"] == 3.0  # 3.5, 1,000 and 2200 (not a year)
    assert {"f:digit", "f:year", "f:percent", "f:anynumber"} <= f.keys()
    assert "f:question" in cw.features("Really?")
    assert "f:opinion" in cw.features("I believe so.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=5))
def test_any_unicode_input(sentences: list[str]) -> None:
    scores = cw.score_sentences(sentences)
    assert len(scores) == len(sentences)
    assert all(0.0 <= s <= 1.0 and not math.isnan(s) for s in scores)
    assert scores == cw.score_sentences(sentences)


_WORDS = ["i", "we", "think", "must", "thank", "you", "tax", "billion", "percent", "the", "is"]
_PIECES = st.sampled_from([*_WORDS, "3.5", "1,000", "2019", "%", "$", "?", '"', "\u201c", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join) | st.text())
def test_fast_path_matches_features_on_generated_text(sentence: str) -> None:
    assert cw.score_sentence(sentence) == pytest.approx(_expected(sentence), abs=1e-12)


def test_speed_well_under_budget() -> None:
    # 50 sentences of ~20 words = the extractor's 1,000-word unit (2 ms budget in all).
    batch = [
        "The council said unemployment in the region fell to 3.5% in 2019, "
        "its lowest level since records began in 1971, according to officials."
    ] * 25 + ["Thank you all for coming tonight, and I think we should get started now."] * 25
    cw.score_sentences(batch)
    best = math.inf
    for _ in range(10):
        # process CPU time, so a busy machine does not make the test flaky
        t0 = time.process_time()
        for _ in range(10):
            cw.score_sentences(batch)
        best = min(best, (time.process_time() - t0) / 10)
    assert best < 1.5e-3, f"{best * 1e3:.3f} ms per 50 sentences"


def _require_claimbuster() -> Path:
    if (CLAIMBUSTER / "groundtruth.csv").exists() and (CLAIMBUSTER / "crowdsourced.csv").exists():
        return CLAIMBUSTER
    reason = f"ClaimBuster data not found at {CLAIMBUSTER.resolve()}"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it)")
    pytest.skip(reason)


def test_heldout_f1_of_shipped_model() -> None:
    data_dir = _require_claimbuster()
    train, held = claimbuster.split(claimbuster.load(data_dir))
    meta = _model_json()["trained_on"]
    assert (len(train), len(held)) == (meta["n_train"], meta["n_heldout"])
    assert not {claimbuster.normalise(e.text) for e in train} & {
        claimbuster.normalise(e.text) for e in held
    }
    scores = cw.score_sentences([e.text for e in held])
    m = claimbuster.prf([e.label for e in held], [int(s >= 0.5) for s in scores])
    assert m["f1"] >= HELDOUT_F1_FLOOR, m
    assert m["f1"] == pytest.approx(_model_json()["metrics"]["heldout"]["f1"], abs=1e-4)


def test_checkthat_devtest_f1_of_shipped_model() -> None:
    """Validation on debates the model never saw (the lab's test split is never read)."""
    import csv

    path = CHECKTHAT / "CT24_checkworthy_english_dev-test.tsv"
    if not path.exists():
        _require_claimbuster()  # fails in CI, skips elsewhere, like the other data tests
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    scores = cw.score_sentences([r["Text"] for r in rows])
    m = claimbuster.prf(
        [int(r["class_label"] == "Yes") for r in rows], [int(s >= 0.5) for s in scores]
    )
    assert m["f1"] >= CHECKTHAT_F1_FLOOR, m
    assert m["f1"] == pytest.approx(
        _model_json()["metrics"]["checkthat2024_devtest"]["f1"], abs=1e-4
    )


def test_word_table_sums_subword_vectors() -> None:
    """A sentence's vector is the sum of its words' subword vectors."""
    np = pytest.importorskip("numpy")
    if not os.environ.get("CI"):
        pytest.importorskip("wordllama")
    from factcheck.tagging.training import embeddings

    matrix, tokenizer = embeddings.load()
    table = embeddings.word_table(["unemployment", "fell", "zzzq"], matrix, tokenizer)
    ids = [
        i
        for w in ("unemployment", "fell")
        for i in tokenizer.encode(w, add_special_tokens=False).ids
        if i > 2
    ]
    (got,) = embeddings.sum_vectors([["unemployment", "<num>", "fell"]], table)
    assert table["unemployment"][1] >= 2  # several subwords
    assert np.allclose(got, matrix[ids].sum(axis=0), atol=1e-4)
    assert "the" in embeddings.vocabulary_words(tokenizer)


def test_split_is_stratified_and_stable() -> None:
    data_dir = _require_claimbuster()
    examples = claimbuster.load(data_dir)
    _, held = claimbuster.split(examples)
    _, held_again = claimbuster.split(list(reversed(examples)))
    assert held == held_again
    for source in ("groundtruth", "crowdsourced"):
        for verdict in (-1, 0, 1):
            n_all = sum(1 for e in examples if (e.source, e.verdict) == (source, verdict))
            n_held = sum(1 for e in held if (e.source, e.verdict) == (source, verdict))
            assert n_held == round(n_all * claimbuster.HELDOUT_FRACTION)
