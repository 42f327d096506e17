"""The embedding runtime against sentence-transformers on PyTorch (tests/data/semantic/reference.json)."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from matcher.semantic import TOKENIZER_FILE, Embedder, ModelUnavailable, UnsupportedModel, bert_to_onnx

REFERENCE: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "semantic" / "reference.json").read_text(encoding="utf-8")
)
TEXTS: dict[str, str] = REFERENCE["texts"]
TOLERANCE = 1e-4


def _embed(embedder: Embedder, *names: str) -> dict[str, np.ndarray[Any, Any]]:
    return dict(zip(names, embedder.embed([TEXTS[name] for name in names]), strict=True))


@pytest.fixture(scope="module")
def vectors(embedder: Embedder) -> dict[str, np.ndarray[Any, Any]]:
    """Every reference text through our runtime, once."""
    return _embed(embedder, *TEXTS)


def test_vectors_are_those_of_sentence_transformers(vectors: dict[str, np.ndarray[Any, Any]]) -> None:
    for name, expected in REFERENCE["vectors"].items():
        difference = np.abs(vectors[name] - np.array(expected, dtype=np.float32)).max()
        assert difference < TOLERANCE, f"{name}: {difference:.2e} off"


def test_cosines_are_those_of_sentence_transformers(vectors: dict[str, np.ndarray[Any, Any]]) -> None:
    for first, second, expected in REFERENCE["cosines"]:
        assert float(vectors[first] @ vectors[second]) == pytest.approx(expected, abs=TOLERANCE), (first, second)


def test_similarities_published_in_the_sentence_transformers_documentation(
    vectors: dict[str, np.ndarray[Any, Any]],
) -> None:
    """An independent check: its quick-start prints 0.6660, 0.1046 and 0.1411 for these sentences with this model."""
    assert round(float(vectors["weather"] @ vectors["sunny"]), 4) == 0.6660
    assert round(float(vectors["weather"] @ vectors["stadium"]), 4) == 0.1046
    assert round(float(vectors["sunny"] @ vectors["stadium"]), 4) == 0.1411


def test_every_vector_has_unit_length_even_for_empty_text(embedder: Embedder) -> None:
    vectors = embedder.embed(["", "ML-1", TEXTS["long"]])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


def test_no_texts_give_an_empty_array(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, 384)


def test_batches_and_order_do_not_change_a_vector(model_dir: Path, embedder: Embedder) -> None:
    names = list(TEXTS)
    small_batches = Embedder.load(model_dir, batch_size=3)
    assert isinstance(small_batches, Embedder)
    together = small_batches.embed([TEXTS[name] for name in reversed(names)])[::-1]
    alone = np.vstack([embedder.embed([TEXTS[name]]) for name in names])
    assert np.abs(together - alone).max() < 1e-5


def test_text_past_256_word_pieces_is_cut_as_sentence_transformers_cuts_it(embedder: Embedder) -> None:
    assert REFERENCE["word_pieces"]["long"] == 256
    longer = TEXTS["long"] + " Officials declined to comment further on the Rohri section."
    vectors = embedder.embed([TEXTS["long"], longer])
    assert np.abs(vectors[0] - vectors[1]).max() < 1e-6


def test_threads_can_share_one_embedder(embedder: Embedder) -> None:
    texts = [text for name, text in TEXTS.items() if name != "long"]
    expected = embedder.embed(texts)
    shifts = list(range(len(texts)))

    def embed_rotated(shift: int) -> np.ndarray[Any, Any]:
        rotated = texts[shift:] + texts[:shift]
        return np.roll(embedder.embed(rotated), shift, axis=0)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(embed_rotated, shifts))
    for result in results:
        assert np.abs(result - expected).max() < 1e-5


def test_a_missing_model_is_a_reason_not_an_exception(tmp_path: Path) -> None:
    loaded = Embedder.load(tmp_path / "nowhere")
    assert isinstance(loaded, ModelUnavailable)
    assert str(tmp_path / "nowhere") in loaded.reason
    assert "model.onnx" in loaded.reason


def test_a_damaged_model_file_is_a_reason_not_an_exception(tmp_path: Path, model_dir: Path) -> None:
    shutil.copy(model_dir / TOKENIZER_FILE, tmp_path / TOKENIZER_FILE)
    (tmp_path / "model.onnx").write_bytes(b"not an onnx graph")
    loaded = Embedder.load(tmp_path)
    assert isinstance(loaded, ModelUnavailable)
    assert "unusable model" in loaded.reason


def test_the_converter_refuses_a_model_it_does_not_build() -> None:
    config = {"model_type": "bert", "hidden_act": "relu", "hidden_size": 8, "num_attention_heads": 2}
    with pytest.raises(UnsupportedModel, match="hidden_act is 'relu'"):
        bert_to_onnx({}, config)
