"""The compiled small watchlist, shared by the matcher tests (compiling is pure, so once is enough)."""

from __future__ import annotations

import pytest

from matcher import Matcher, compile_matcher
from tests.matcher.small_watchlist import WATCHLIST


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return compile_matcher(WATCHLIST)
