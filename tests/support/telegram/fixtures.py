"""pytest fixtures for tests that drive a bot through the Telegram emulator.

Load with ``pytest_plugins = ["tests.support.telegram.fixtures"]`` in tests/conftest.py.
Without node/npm the fixtures skip with the reason, unless PLEDGEWATCH_REQUIRE_NODE=1
(as in CI), where a missing emulator is a failure.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from tests.support.telegram.client import TelegramHarness
from tests.support.telegram.emulator import EmulatorProcess
from tests.support.telegram.install import REQUIRE_NODE_ENV, EmulatorUnavailable, node_required
from tests.support.telegram.proxy import TelegramProxy


def new_token() -> str:
    """A token shaped like Telegram's, unique per test so the emulator's stores never mix."""
    return f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(27)}"


@pytest.fixture(scope="session")
def telegram_emulator() -> Iterator[EmulatorProcess]:
    """telegram-test-api running on 127.0.0.1 for the whole session."""
    emulator = EmulatorProcess()
    try:
        emulator.start()
    except EmulatorUnavailable as error:
        if node_required():
            pytest.fail(f"{error} ({REQUIRE_NODE_ENV} is set)")
        pytest.skip(f"Telegram emulator unavailable: {error}")
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def telegram(telegram_emulator: EmulatorProcess) -> Iterator[TelegramHarness]:
    """A fresh fake Telegram for one test: new token, new proxy (own port, empty records and faults)."""
    with TelegramProxy(telegram_emulator.url) as proxy:
        yield TelegramHarness(proxy, telegram_emulator.url, new_token())
