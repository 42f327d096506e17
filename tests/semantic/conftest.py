"""The installed model the semantic tests run on, offline (`./scripts/setup --dev` fetches it once).

Found as tests/support/model.py finds it: where `pledgewatch run` looks by default, or in
`PLEDGEWATCH_TEST_MODEL_DIR`; without it the tests fail, saying how to get it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher.semantic import Embedder
from tests.support.model import installed_embedder, installed_model_dir


@pytest.fixture(scope="session")
def model_dir() -> Path:
    return installed_model_dir()


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return installed_embedder()
