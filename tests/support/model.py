"""The semantic stage's model for tests: the installed one (offline), and a memo so a suite embeds each text once."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from bot.config import DEFAULT_MODEL_DIR
from matcher.semantic import Embedder, ModelUnavailable


def installed_model_dir() -> Path:
    return Path(os.environ.get("PLEDGEWATCH_TEST_MODEL_DIR") or DEFAULT_MODEL_DIR)


def installed_embedder() -> Embedder:
    """The model `./scripts/setup --dev` installs; a test fails, saying how to get it, when it is absent."""
    loaded = Embedder.load(installed_model_dir())
    if isinstance(loaded, ModelUnavailable):
        pytest.fail(f"{loaded.reason}: run ./scripts/setup --dev (or .venv/bin/pledgewatch model fetch)")
    return loaded


class MemoEmbedder:
    """An embedder that embeds each distinct text once: evaluations run the same articles through many matchers."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._memo: dict[str, NDArray[Any]] = {}

    def embed(self, texts: Sequence[str]) -> NDArray[Any]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            self._memo.update(zip(missing, self._embedder.embed(missing), strict=True))
        return np.stack([self._memo[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)
