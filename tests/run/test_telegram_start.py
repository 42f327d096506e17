"""`pledgewatch run` meeting Telegram at start: unreachable (the network is not up yet) is waited for,
an HTTP error answer is a clear fatal error naming the URL tried — never the token — and what to check."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.run.running import RunningApp, write_config
from tests.support.telegram.client import TelegramHarness
from tests.support.waiting import wait_until

NEVER_REACHED = "was never reached"
STILL_NOT_REACHED = "still not reached"
"""Logged (DEBUG) before each further attempt: how the test sees the retries while nothing reaches the proxy."""


def _warnings_about_telegram(output: str) -> list[str]:
    return [line for line in output.splitlines() if " WARNING " in line and "Telegram" in line]


async def test_a_bot_started_before_telegram_is_reachable_starts_by_itself(
    telegram: TelegramHarness, tmp_path: Path
) -> None:
    config = write_config(tmp_path, telegram)
    telegram.proxy.start_outage("refuse")
    with RunningApp(config, tmp_path / "run.log", "--log-level", "DEBUG") as app:
        await wait_until(lambda: app.output().count(STILL_NOT_REACHED) >= 2, 30, lambda: app.output()[-2000:])
        telegram.proxy.end_outage()
        await telegram.bot_polling(timeout=30)
        [reply] = await telegram.private_chat("Alice").ask("/help")
        assert app.stop() == 0
    output = app.output()
    assert reply.visible_text.startswith("Commands")
    [warning] = _warnings_about_telegram(output)
    assert NEVER_REACHED in warning and "ConnectError" in warning
    assert "refused to start" not in output and "Traceback" not in output
    assert telegram.token not in output


async def test_stopping_while_telegram_is_unreachable_exits_at_once(telegram: TelegramHarness, tmp_path: Path) -> None:
    config = write_config(tmp_path, telegram)
    telegram.proxy.start_outage("refuse")
    with RunningApp(config, tmp_path / "run.log") as app:
        await wait_until(lambda: _warnings_about_telegram(app.output()), 30, lambda: app.output()[-2000:])
        asked = time.monotonic()
        assert app.stop(timeout=5) == 0
        took = time.monotonic() - asked
    assert took < 2, f"stopping took {took:.1f} s"
    assert "Traceback" not in app.output()


def test_a_bot_api_answering_404_at_start_names_the_url_tried_and_the_setting(
    telegram: TelegramHarness, tmp_path: Path
) -> None:
    elsewhere = f"{telegram.api_base_url}/elsewhere"
    config = write_config(tmp_path, telegram)
    config.write_text(config.read_text(encoding="utf-8").replace(telegram.api_base_url, elsewhere), encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_TELEGRAM_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    [error] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert f"{elsewhere}/bot<token>/getMe answered 404 Not Found" in error
    assert "[telegram] api_base_url" in error
    assert telegram.token not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
