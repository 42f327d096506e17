"""Deadline checks and daily digests with several processes on one PostgreSQL database: each happens once.

A "process" here is a `Services` with its own database engine (its own connections), the way two
`pledgewatch run` processes share a database; the Telegram side is the emulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import storage
from bot.alerts.deadlines import DEADLINE_CHECK, queue_deadline_notices
from bot.services import Services
from storage import Database
from tests.alerts.conftest import MakeDispatcher
from tests.alerts.helpers import T0, FixedClock, add_chat, make_services, publish
from tests.support.telegram.client import TelegramHarness

BEFORE_ML1_DEADLINE = datetime(2026, 5, 1, tzinfo=UTC)  # ML-1's deadline in the test watchlist: 30 Jun 2026


@pytest.fixture
async def two_processes(
    postgres_database: Database, postgres_url: str, tmp_path: Path
) -> AsyncIterator[list[Services]]:
    second = Database.open(postgres_url)
    clock = FixedClock()
    folders = [tmp_path / "one", tmp_path / "two"]
    for folder in folders:
        folder.mkdir()
    try:
        yield [
            make_services(postgres_database, folders[0], clock=clock),
            make_services(second, folders[1], clock=clock),
        ]
    finally:
        await second.close()


async def _deadline_notices(database: Database) -> list[tuple[int, str]]:
    async with database.transaction() as connection:
        return sorted((n.chat_id, n.subject) for n in await storage.due_notices(connection, T0, 100))


async def test_a_deadline_check_skips_its_turn_while_another_process_checks(two_processes: list[Services]) -> None:
    first, second = two_processes
    await add_chat(first.database, 1, subscribe_to="ml-1-railway", at=BEFORE_ML1_DEADLINE)
    async with first.database.transaction() as checking:
        assert await storage.try_lock(checking, DEADLINE_CHECK)
        assert await asyncio.wait_for(queue_deadline_notices(second, T0), timeout=5) == 0
    assert await _deadline_notices(first.database) == []
    assert await queue_deadline_notices(second, T0) == 1


async def test_deadline_checks_at_the_same_moment_queue_each_notice_once(two_processes: list[Services]) -> None:
    first, second = two_processes
    for chat_id in (1, 2, 3):
        await add_chat(first.database, chat_id, subscribe_to="tag:rail", at=BEFORE_ML1_DEADLINE)
    queued = await asyncio.gather(*(queue_deadline_notices(services, T0) for services in (first, second, first)))
    assert sum(queued) == 3
    assert await _deadline_notices(second.database) == [(chat, "ml-1-railway@2026-06-30") for chat in (1, 2, 3)]


async def test_two_dispatchers_send_a_daily_digest_once(
    telegram: TelegramHarness, two_processes: list[Services], make_dispatcher: MakeDispatcher
) -> None:
    first, second = two_processes
    alice = telegram.private_chat("Alice")
    await add_chat(first.database, alice.chat_id)
    async with first.database.transaction() as connection:
        await storage.update_chat(connection, alice.chat_id, delivery_mode=storage.DIGEST, digest_time="09:00")
    for title in ("ML-1 loan signed", "ML-1 route surveyed", "ML-1 tender opens"):
        await publish(first.database, title=title, at=T0 + timedelta(hours=1))
    digest_time = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    reports = await asyncio.gather(*(make_dispatcher(s).run_once(digest_time) for s in (first, second)))
    [digest] = await alice.replies(1)
    assert digest.visible_text.startswith("📰 Daily digest: 3 articles on 1 pledge")
    assert sorted(report.digests_sent for report in reports) == [0, 1]
    for services in (first, second):  # the next day's runs find nothing more to send
        await make_dispatcher(services).run_once(digest_time + timedelta(minutes=10))
    assert alice.unread() == []
