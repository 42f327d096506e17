"""The fake Telegram serves a bot running in another process, as `pledgewatch run` will."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.telegram.client import TelegramHarness

ECHO_BOT = Path(__file__).with_name("echo_bot.py")


@pytest.fixture
def bot_process(telegram: TelegramHarness, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    with (tmp_path / "bot.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(ECHO_BOT), telegram.token, telegram.api_base_url], stdout=log, stderr=log
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


async def test_bot_in_another_process_answers_and_stops_on_sigterm(
    telegram: TelegramHarness, bot_process: subprocess.Popen[bytes]
) -> None:
    alice = telegram.private_chat("Alice")
    await telegram.bot_polling(timeout=30)
    [hello] = await alice.ask("/start", timeout=30)
    [echoed] = await alice.ask("a < b & c")
    assert hello.visible_text == "Hello from another process"
    assert echoed.text == "<i>a &lt; b &amp; c</i>"
    bot_process.send_signal(signal.SIGTERM)
    assert bot_process.wait(timeout=15) == 0
