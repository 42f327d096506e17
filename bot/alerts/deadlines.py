"""One notice per subscriber when a pledge's deadline passes, with the news found up to then."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

import storage
from bot.alerts.notices import DEADLINE, notice_payload
from bot.alerts.render import DEADLINE_NEWS_SHOWN, render_deadline
from bot.services import Services
from tracker import deadline_passed_at
from watchlist import Commitment

DEADLINE_CHECK = "deadline-check"
"""The lock that lets one process at a time run the check when several share a PostgreSQL database."""


async def queue_deadline_notices(services: Services, now: datetime) -> int:
    """Queue the deadline notice for every subscriber who has not had it; returns how many were queued.

    Safe to call on every tick and in every process: queueing is insert-or-ignore per (chat, pledge),
    and the check runs in one transaction under a lock that a second process finds taken and skips its
    turn for. Only chats that subscribed before the deadline passed are told; a later subscriber
    already sees it in /status.
    """
    passed = [
        (commitment, commitment.deadline)
        for commitment in services.watchlist.commitments
        if commitment.deadline is not None and deadline_passed_at(commitment.deadline) <= now
    ]
    if not passed:
        return 0
    queued = 0
    async with services.database.transaction() as connection:
        if not await storage.try_lock(connection, DEADLINE_CHECK):
            return 0
        for commitment, deadline in passed:
            queued += await _queue_for(connection, commitment, deadline, now)
    return queued


async def _queue_for(connection: AsyncConnection, commitment: Commitment, deadline: date, now: datetime) -> int:
    passed_at = deadline_passed_at(deadline)
    chat_ids = await storage.subscribers_before(
        connection, storage.PledgeHit(commitment.id, commitment.tags, commitment.kind), passed_at
    )
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
