"""SIGKILL mid-dispatch, restart: every alert arrives exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bot.services import Services
from tests.alerts.helpers import T0, add_chat, publish, wait_until_async
from tests.support.storage import outbox_counts
from tests.support.telegram.client import TelegramHarness

CHATS, ARTICLES, SENT_BEFORE_KILL = 12, 10, 37
CHILD = "tests.alerts.dispatch_child"
REPO = Path(__file__).resolve().parents[2]


def start_child(telegram: TelegramHarness, services: Services, *extra: str) -> subprocess.Popen[bytes]:
    url = services.database.engine.url.render_as_string(hide_password=False).replace("+aiosqlite", "")
    command = [
        sys.executable,
        "-m",
        CHILD,
        f"--db={url}",
        f"--api={telegram.api_base_url}",
        f"--token={telegram.token}",
        f"--watchlist={services.watchlists.path}",
        *extra,
    ]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def sent_rows(services: Services) -> int:
    async with services.database.transaction() as connection:
        return (await outbox_counts(connection)).get("sent", 0)


async def test_sigkill_mid_dispatch_then_restart_delivers_every_alert_exactly_once(
    telegram: TelegramHarness, services: Services
) -> None:
    chats = [telegram.private_chat(f"Reader{n}") for n in range(CHATS)]
    for chat in chats:
        await add_chat(services.database, chat.chat_id)
    for n in range(ARTICLES):
        await publish(services.database, title=f"News {n}", at=T0 + timedelta(minutes=n + 1))

    first = start_child(telegram, services, f"--block-after={SENT_BEFORE_KILL}")
    marked = 0

    async def check() -> bool:
        nonlocal marked
        marked = await sent_rows(services)
        return marked == SENT_BEFORE_KILL

    await wait_until_async(check, 20, lambda: f"{marked} rows marked sent; child exit {first.poll()}")
    os.kill(first.pid, signal.SIGKILL)
    assert first.wait(timeout=10) == -signal.SIGKILL
    assert len(telegram.proxy.sent_messages()) == SENT_BEFORE_KILL

    second = start_child(telegram, services)
    try:
        _, errors = second.communicate(timeout=60)
    finally:
        second.kill()
    assert second.returncode == 0, errors.decode()
    arrived = Counter((m.chat_id, m.visible_text.splitlines()[1]) for m in telegram.proxy.sent_messages())
    assert arrived == Counter({(chat.chat_id, f"News {n}"): 1 for chat in chats for n in range(ARTICLES)})
