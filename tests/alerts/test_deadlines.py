"""Deadline notices: one per subscriber from before the deadline, with the news up to then."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import storage
from bot.alerts.deadlines import queue_deadline_notices
from bot.alerts.notices import admin_notice, queue_admin_notice
from bot.services import Services
from tests.alerts.conftest import MakeDispatcher
from tests.alerts.helpers import T0, add_chat, publish
from tests.support.telegram.client import TelegramHarness
from tracker import deadline_passed_at
from watchlist import set_field

BEFORE_ML1_DEADLINE = datetime(2026, 5, 1, tzinfo=UTC)  # ML-1's deadline in the test watchlist: 30 Jun 2026


def test_a_deadline_passes_when_its_day_is_over_everywhere() -> None:
    assert deadline_passed_at(date(2026, 6, 30)) == datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


async def test_each_subscriber_before_the_deadline_is_told_once(services: Services) -> None:
    await add_chat(services.database, 1, subscribe_to="ml-1-railway", at=BEFORE_ML1_DEADLINE)
    await add_chat(services.database, 2, subscribe_to="tag:rail", at=BEFORE_ML1_DEADLINE)
    await add_chat(services.database, 3, subscribe_to="gwadar-port", at=BEFORE_ML1_DEADLINE)
    await add_chat(services.database, 4, subscribe_to="all", at=T0)  # after the deadline
    assert await queue_deadline_notices(services, T0) == 2
    assert await queue_deadline_notices(services, T0 + timedelta(days=1)) == 0
    async with services.database.transaction() as connection:
        notices = await storage.due_notices(connection, T0, 10)
    assert [(n.chat_id, n.kind, n.subject) for n in notices] == [
        (1, "deadline", "ml-1-railway@2026-06-30"),
        (2, "deadline", "ml-1-railway@2026-06-30"),
    ]


async def test_a_deadline_moved_later_is_announced_again_when_it_passes(services: Services) -> None:
    await add_chat(services.database, 1, subscribe_to="ml-1-railway", at=BEFORE_ML1_DEADLINE)
    assert await queue_deadline_notices(services, T0) == 1
    set_field(services.watchlists.path, "ml-1-railway", "deadline", "2026-09-30")
    assert services.watchlists.reload_if_changed().reloaded
    assert await queue_deadline_notices(services, T0) == 1
    assert await queue_deadline_notices(services, T0) == 0


async def test_nothing_is_queued_before_the_deadline_passes(services: Services) -> None:
    await add_chat(services.database, 1, subscribe_to="all", at=BEFORE_ML1_DEADLINE)
    assert await queue_deadline_notices(services, datetime(2026, 7, 1, 11, 59, tzinfo=UTC)) == 0


async def test_the_notice_arrives_with_the_news_found_up_to_the_deadline(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id, subscribe_to="ml-1-railway", at=BEFORE_ML1_DEADLINE)
    await publish(services.database, title="ML-1 survey starts", at=datetime(2026, 6, 1, tzinfo=UTC))
    await publish(services.database, title="ML-1 after the deadline", at=datetime(2026, 8, 1, tzinfo=UTC))
    await queue_deadline_notices(services, T0)
    dispatcher = make_dispatcher(services)
    await dispatcher.run_once(T0)
    messages = [m.visible_text for m in await alice.replies(3)]
    [notice] = [text for text in messages if text.startswith("⏰")]
    assert notice.splitlines()[2:] == [
        "The deadline was 30 Jun 2026.",
        "News found up to then: 1 article:",
        "• ML-1 survey starts — Dawn · 1 Jun 2026",
    ]


async def test_admin_notice_reaches_each_admin_once(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    admin = telegram.private_chat("Admin", user_id=4242)
    markup = admin_notice("Feed gone (410)", "https://feeds.example/rss <gone>")
    assert await queue_admin_notice(services, "feed-gone:example", markup, T0) == 1
    assert await queue_admin_notice(services, "feed-gone:example", markup, T0) == 0
    await make_dispatcher(services).run_once(T0)
    [message] = await admin.replies(1)
    assert message.visible_text == "⚠️ Feed gone (410)\nhttps://feeds.example/rss <gone>"
