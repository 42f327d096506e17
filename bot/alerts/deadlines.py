"""One notice per subscriber when a pledge's deadline passes, with the news found up to then."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import storage
from bot.alerts.notices import DEADLINE, notice_payload
from bot.alerts.render import DEADLINE_NEWS_SHOWN, render_deadline
from bot.services import Services
from watchlist import Commitment


def deadline_passed_at(deadline: date) -> datetime:
    """A deadline is a day: it has passed when that day is over everywhere on Earth (UTC-12)."""
    return datetime.combine(deadline + timedelta(days=1), time(12, 0), tzinfo=UTC)


async def queue_deadline_notices(services: Services, now: datetime) -> int:
    """Queue the deadline notice for every subscriber who has not had it; returns how many were queued.

    Safe to call on every tick: queueing is insert-or-ignore per (chat, pledge). Only chats that
    subscribed before the deadline passed are told; a later subscriber already sees it in /status.
    """
    queued = 0
    for commitment in services.watchlist.commitments:
        if commitment.deadline is not None and deadline_passed_at(commitment.deadline) <= now:
            queued += await _queue_for(services, commitment, commitment.deadline, now)
    return queued


async def _queue_for(services: Services, commitment: Commitment, deadline: date, now: datetime) -> int:
    passed_at = deadline_passed_at(deadline)
    async with services.database.transaction() as connection:
        chat_ids = await storage.subscribers_before(connection, commitment.id, commitment.tags, passed_at)
        if not chat_ids:
            return 0
        news = await storage.latest_matched(connection, DEADLINE_NEWS_SHOWN, [commitment.id], until=passed_at)
        total = await storage.count_matches_until(connection, commitment.id, passed_at)
        payload = notice_payload(render_deadline(commitment.id, commitment.title, deadline, news, total))
        queued = 0
        for chat_id in chat_ids:
            queued += await storage.queue_notice(
                connection,
                chat_id=chat_id,
                kind=DEADLINE,
                subject=f"{commitment.id}@{deadline.isoformat()}",
                payload=payload,
                now=now,
            )
    return queued
