"""The semantic stage's model: a sentence-embedding model on onnxruntime (the optional `semantic` extra).

    embedder = Embedder.load(model_dir)           # Embedder, or ModelUnavailable(reason) when absent
    vectors = embedder.embed([title_and_summary]) # (n, 384) float32, unit length: dot product = cosine

The model is all-MiniLM-L6-v2 (`matcher.semantic._model` pins its files by SHA-256), installed by
`pledgewatch model fetch`, which turns its safetensors weights into an ONNX graph with
`bert_to_onnx` (`matcher.semantic._bert_onnx`). Nothing here imports onnxruntime, tokenizers or
onnx until it is used, so the matcher works without the extra.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from matcher.semantic._embedder import DEFAULT_BATCH_SIZE, Embedder, ModelUnavailable
from matcher.semantic._model import (
    HUB_REPOSITORY,
    HUB_REVISION,
    MANIFEST_FILE,
    NAME,
    ONNX_FILE,
    SOURCE_SHA256,
    TOKENIZER_FILE,
    UnsupportedModel,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray


def bert_to_onnx(weights: Mapping[str, NDArray[Any]], config: Mapping[str, Any]) -> bytes:
    """The ONNX model (serialized) of a BERT encoder, from its safetensors weights and its config.json.

    Needs the `onnx` package, which only `model fetch` uses, so it is imported here and not at start-up.
    """
    from matcher.semantic._bert_onnx import BertShape
    from matcher.semantic._bert_onnx import bert_to_onnx as convert

    return convert(weights, BertShape.from_config(config))


__all__ = [
    "DEFAULT_BATCH_SIZE",
    "HUB_REPOSITORY",
    "HUB_REVISION",
    "MANIFEST_FILE",
    "NAME",
    "ONNX_FILE",
    "SOURCE_SHA256",
    "TOKENIZER_FILE",
    "Embedder",
    "ModelUnavailable",
    "UnsupportedModel",
    "bert_to_onnx",
]
