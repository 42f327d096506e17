"""Webhook mode end to end: `pledgewatch run` as a process registers its webhook with the fake
Telegram, then answers the updates POSTed to it — only those that carry the secret token."""

from __future__ import annotations

import itertools
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import REPO
from tests.run.running import RunningApp, write_config
from tests.support.telegram.client import ChatSession, TelegramHarness, command_entities
from tests.support.waiting import wait_until

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _alive(app: RunningApp) -> bool:
    """True while the process runs; its exit fails the test at once, with its log, instead of at a deadline."""
    assert app.process is not None
    code = app.process.poll()
    if code is not None:
        raise AssertionError(f"pledgewatch run exited with {code}:\n{app.output()[-3000:]}")
    return True


def _config(tmp_path: Path, telegram: TelegramHarness, port: int, secret: str) -> Path:
    webhook = f"""webhook_url = "http://127.0.0.1:{port}/telegram"
webhook_listen = "127.0.0.1"
webhook_port = {port}
webhook_secret = "{secret}"
"""
    return write_config(tmp_path, telegram, telegram_extra=webhook)


def _update(session: ChatSession, text: str) -> dict[str, Any]:
    """The Update Telegram POSTs for a message in ``session``'s chat, shaped as the emulator's."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "from": session.user.as_json(),
        "chat": session.chat,
        "date": int(time.time()),
        "text": text,
    }
    if entities := command_entities(text):
        message["entities"] = entities
    return {"update_id": next(_update_ids), "message": message}


async def _deliver(url: str, update: dict[str, Any], secret: str | None) -> int:
    """POST an update to the bot as Telegram does; the HTTP status the bot answers."""
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        response = await client.post(url, json=update, headers=headers)
    return response.status_code


async def test_webhook_answers_updates_with_the_secret_and_refuses_the_rest(
    tmp_path: Path, telegram: TelegramHarness
) -> None:
    port, secret = _free_port(), secrets.token_urlsafe(24)
    url = f"http://127.0.0.1:{port}/telegram"
    alice = telegram.private_chat("Alice")

    with RunningApp(_config(tmp_path, telegram, port, secret), tmp_path / "run.log") as app:
        webhook = await wait_until(
            lambda: telegram.proxy.webhook(telegram.token) if _alive(app) else None,
            30,
            lambda: f"no setWebhook; calls: {telegram.proxy.request_counts()}; log:\n{app.output()[-3000:]}",
        )
        assert (webhook.url, webhook.secret_token) == (url, secret)
        await wait_until(lambda: _accepts_connections(port), 10, lambda: f"nothing listens on {port}")

        assert await _deliver(url, _update(alice, "/start"), secret) == 200
        [welcome] = await alice.replies()
        assert welcome.visible_text.startswith("pledgewatch follows")

        assert await _deliver(url, _update(alice, "/start"), "wrong-secret") == 403
        assert await _deliver(url, _update(alice, "/start"), None) == 403
        assert await _deliver(url, _update(alice, "/help"), secret) == 200
        [help_reply] = await alice.replies()  # updates are handled in order: a refused /start would answer first
        assert help_reply.visible_text.startswith("Commands")
        assert alice.unread() == []
        assert "getUpdates" not in telegram.proxy.request_counts()

        assert app.stop() == 0
    log = app.output()
    assert telegram.token not in log
    assert secret not in log


def test_a_webhook_port_already_taken_is_one_clear_line(tmp_path: Path, telegram: TelegramHarness) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = _config(tmp_path, telegram, port, secrets.token_urlsafe(24))
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run", "--config", str(config)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"error: [telegram] webhook_listen/webhook_port 127.0.0.1:{port}: cannot listen:")
    assert "Traceback" not in result.stderr and telegram.token not in result.stderr
