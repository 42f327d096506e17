"""The weekly scorecard: due once a week at the chat's chosen local day and time, with the week's changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import storage
from bot.alerts.scorecards import due_scorecard_slot, queue_weekly_scorecards, scorecard_slot
from bot.services import Services
from storage import ChatRow
from tests.alerts.conftest import MakeDispatcher
from tests.alerts.helpers import T0, add_chat, publish
from tests.support.telegram.client import TelegramHarness

THURSDAY_NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
MONDAY_MORNING = datetime(2026, 11, 23, 9, 1, tzinfo=UTC)
KCR = "karachi-circular-railway"


def chat(last: datetime | None, day: int | None = 0, clock: str | None = "09:00") -> ChatRow:
    return ChatRow(1, "private", None, True, None, "UTC", None, "immediate", None, None, T0, day, clock, last)


def test_the_slot_is_the_latest_chosen_weekday_and_time_at_or_before_now() -> None:
    assert scorecard_slot(THURSDAY_NOON, "UTC", 0, "09:00") == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert scorecard_slot(THURSDAY_NOON, "UTC", 3, "11:00") == datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
    assert scorecard_slot(THURSDAY_NOON, "UTC", 3, "13:00") == datetime(2026, 11, 19, 13, 0, tzinfo=UTC)


def test_the_slot_follows_the_chat_s_local_clock() -> None:
    assert scorecard_slot(THURSDAY_NOON, "Asia/Karachi", 3, "09:00") == datetime(2026, 11, 26, 4, 0, tzinfo=UTC)


def test_a_chat_that_asked_after_this_week_s_slot_waits_for_the_next() -> None:
    assert due_scorecard_slot(chat(last=THURSDAY_NOON - timedelta(hours=1)), THURSDAY_NOON) is None


def test_a_chat_that_had_last_week_s_scorecard_is_due_this_week_s() -> None:
    last_week = datetime(2026, 11, 16, 9, 0, 5, tzinfo=UTC)
    assert due_scorecard_slot(chat(last=last_week), THURSDAY_NOON) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_chat_without_a_weekly_day_is_never_due() -> None:
    assert due_scorecard_slot(chat(last=None, day=None, clock=None), THURSDAY_NOON) is None


async def _weekly_chat(services: Services, chat_id: int) -> None:
    await add_chat(services.database, chat_id, at=T0 - timedelta(days=30))
    async with services.database.transaction() as connection:
        await storage.update_chat(
            connection, chat_id, scorecard_day=0, scorecard_time="09:00", last_scorecard_at=T0 - timedelta(days=30)
        )


async def test_the_weekly_scorecard_is_queued_once_and_tells_the_week_s_changes(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    """Alice subscribed to everything too: the two articles' alerts come with the scorecard."""
    alice = telegram.private_chat("Alice")
    await _weekly_chat(services, alice.chat_id)
    await publish(services.database, title="KCR reaffirmed", commitment_id=KCR, at=MONDAY_MORNING - timedelta(days=20))
    await publish(
        services.database,
        title="KCR opened",
        commitment_id=KCR,
        signal="progress",
        at=MONDAY_MORNING - timedelta(days=2),
    )
    assert await queue_weekly_scorecards(services, MONDAY_MORNING) == 1
    assert await queue_weekly_scorecards(services, MONDAY_MORNING + timedelta(minutes=1)) == 0
    await make_dispatcher(services).run_once(MONDAY_MORNING + timedelta(minutes=2))
    messages = [m for m in await alice.replies(3) if "Weekly scorecard" in m.visible_text]
    [scorecard] = messages
    lines = scorecard.visible_text.splitlines()
    assert lines[:2] == ["📊 Weekly scorecard — 23 Nov 2026", "⚪ 1 no news · 🟢 1 in progress · 🔴 1 overdue"]
    assert lines[3:5] == ["Changed this week", f"• {KCR}: talk only → in progress"]
    assert "🟢 Karachi Circular Railway (KCR) — in progress" in lines


async def test_a_chat_that_did_not_ask_gets_no_scorecard(services: Services) -> None:
    await add_chat(services.database, 7)
    assert await queue_weekly_scorecards(services, MONDAY_MORNING) == 0
