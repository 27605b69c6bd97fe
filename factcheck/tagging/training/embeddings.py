"""Static word vectors for the check-worthiness model, from the ``wordllama`` package.

wordllama (MIT licence) ships the token embeddings of Llama 2's vocabulary (32,000
tokens x 256 dims, float16) and their tokenizer inside its wheel. Nothing is downloaded:
the files are read from the installed package (its own loader would try the network for
a missing cache). Training only: the run-time scorer reads the word table the training
exported, never this package.

A word's entry is the sum of its subword vectors (and their count); a sentence's vector
is the sum over its words (sum pooling: a linear model over it folds into one number per
word, so the run-time scorer pays nothing for it; mean pooling scored the same on
validation but needs a division per sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np

SOURCE = "wordllama 0.4.0 l2_supercat_256 (MIT): Llama 2 token embeddings, 256 dims"
DIM = 256
_WHOLE_WORD = re.compile(r"▁([A-Za-z][a-z]{1,19})")


def _package_dir() -> Path:
    import wordllama  # a training dependency (requirements-dev.txt)

    return Path(wordllama.__file__).resolve().parent


def load() -> tuple[np.ndarray, object]:
    """(embedding matrix as float32, tokenizer) from the installed package's files."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    d = _package_dir()
    matrix = load_file(str(d / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    tokenizer = Tokenizer.from_file(str(d / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    return matrix.astype(np.float32), tokenizer


def vocabulary_words(tokenizer: object) -> set[str]:
    """Whole words of the tokenizer's vocabulary (lower-cased), so that words the
    training sentences never used still carry their vector at run time."""
    vocab = tokenizer.get_vocab()  # type: ignore[attr-defined]
    return {m.group(1).lower() for t in vocab if (m := _WHOLE_WORD.fullmatch(t))}


def word_table(
    words: Iterable[str], matrix: np.ndarray, tokenizer: object
) -> dict[str, tuple[np.ndarray, int]]:
    """word -> (sum of its subword vectors, number of subwords), sorted by word."""
    ordered = sorted(set(words))
    encoded = tokenizer.encode_batch(ordered, add_special_tokens=False)  # type: ignore[attr-defined]
    table: dict[str, tuple[np.ndarray, int]] = {}
    for word, enc in zip(ordered, encoded, strict=True):
        ids = [i for i in enc.ids if i > 2]  # no <unk>/<s>/</s>
        if ids:
            table[word] = (matrix[ids].sum(axis=0), len(ids))
    return table


def sum_vectors(
    token_lists: list[list[str]], table: dict[str, tuple[np.ndarray, int]]
) -> np.ndarray:
    """Each sentence's summed subword vector over its words in ``table`` (zeros if none)."""
    out = np.zeros((len(token_lists), DIM), dtype=np.float64)
    for i, toks in enumerate(token_lists):
        for t in toks:
            entry = table.get(t)
            if entry is not None:
                out[i] += entry[0]
    return out
