"""The one model the semantic stage runs, pinned by content.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0): a 6-layer BERT that maps a text to 384
numbers by averaging its token vectors. It is identified by the SHA-256 of the official files at
a fixed revision of the Hugging Face repository, so a copy from anywhere (the hub, a package index,
a colleague's disk) is used only if it is byte for byte that model.
"""

from __future__ import annotations

from typing import Final

NAME: Final = "all-MiniLM-L6-v2"
HUB_REPOSITORY: Final = "sentence-transformers/all-MiniLM-L6-v2"
HUB_REVISION: Final = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"

SOURCE_SHA256: Final = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
"""The official files the installed model is made from (a model folder of sentence-transformers)."""

MAX_TOKENS: Final = 256
"""sentence-transformers truncates this model's input at 256 word pieces (sentence_bert_config.json),
not at the 512 positions BERT has nor the 128 that tokenizer.json carries."""

ONNX_FILE: Final = "model.onnx"
TOKENIZER_FILE: Final = "tokenizer.json"
MANIFEST_FILE: Final = "pledgewatch-model.json"
"""An installed model folder: the ONNX graph, the tokenizer, and the manifest `model fetch` writes."""


class UnsupportedModel(ValueError):
    """Model files that describe something other than the plain BERT encoder the converter builds."""
