"""Turning due outbox rows into rendered messages ("jobs") for the dispatcher to pace and send."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

import storage
from bot.alerts.digests import due_digest_slot
from bot.alerts.notices import notice_markup
from bot.alerts.render import render_alert, render_digest
from bot.html import split_message
from bot.services import Services
from storage import DELIVERY, NOTICE, DueDelivery, DueNotice, OutboxKind

_ALERT, _NOTICE, _DIGEST = 0, 1, 2


@dataclass
class Job:
    """Messages for one chat that settle outbox rows `ids` once the last part is sent.

    Alerts and notices are claimed (`claim_id`) before their first send; a digest is not: it is
    due by the chat's clock and settles its rows message by message, so there is no lease to take.
    """

    chat_id: int
    order: tuple[datetime, int, int]
    kind: OutboxKind
    ids: tuple[int, ...]
    parts: list[str]
    claim_id: int | None = None
    attempts: int = 0
    digest: bool = False
    completes_digest: bool = False
    claimed: bool = False
    next_part: int = 0


def alert_job(delivery: DueDelivery, titles: Mapping[str, str]) -> Job:
    parts = split_message(render_alert(delivery, titles.get(delivery.commitment_id)))
    order = (delivery.created_at, _ALERT, delivery.id)
    return Job(delivery.chat_id, order, DELIVERY, (delivery.id,), parts, delivery.id, delivery.attempts)


def notice_job(notice: DueNotice) -> Job:
    parts = split_message(notice_markup(notice.payload))
    order = (notice.created_at, _NOTICE, notice.id)
    return Job(notice.chat_id, order, NOTICE, (notice.id,), parts, notice.id, notice.attempts)


def digest_jobs(chat_id: int, slot: datetime, items: list[DueDelivery], titles: Mapping[str, str]) -> list[Job]:
    messages = render_digest(items, titles)
    return [
        Job(
            chat_id,
            (slot, _DIGEST, index),
            DELIVERY,
            message.delivery_ids,
            [message.markup],
            digest=True,
            completes_digest=index == len(messages) - 1,
        )
        for index, message in enumerate(messages)
    ]


async def collect_jobs(services: Services, now: datetime, limit: int, scope: storage.ChatScope) -> list[Job]:
    """Everything due at `now` in the sender's chats: alerts, notices, and the digests whose time has come."""
    titles = {commitment.id: commitment.title for commitment in services.watchlist.commitments}
    async with services.database.transaction() as connection:
        alerts = await storage.due_deliveries(connection, now, limit, scope)
        notices = await storage.due_notices(connection, now, limit, scope)
        digests = await _due_digests(connection, now, scope)
    jobs = [alert_job(delivery, titles) for delivery in alerts]
    jobs += [notice_job(notice) for notice in notices]
    for chat_id, slot, items in digests:
        jobs += digest_jobs(chat_id, slot, items, titles)
    return jobs


async def _due_digests(
    connection: AsyncConnection, now: datetime, scope: storage.ChatScope
) -> list[tuple[int, datetime, list[DueDelivery]]]:
    due = []
    for chat in await storage.digest_chats(connection, now, scope):
        slot = due_digest_slot(chat, now)
        if slot is None:
            continue
        items = await storage.digest_deliveries(connection, chat.id, slot)
        if items:
            due.append((chat.id, slot, items))
    return due
