"""Turning due outbox rows into rendered messages ("jobs") for the dispatcher to pace and send."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncConnection

import storage
from bot.alerts.digests import due_digest_slot
from bot.alerts.notices import notice_markup
from bot.alerts.render import render_alert, render_digest
from bot.alerts.status_changes import alert_status_changes
from bot.feedback import Keyboard, feedback_keyboard
from bot.html import split_message
from bot.services import Services
from storage import DELIVERY, NOTICE, DueDelivery, DueNotice, OutboxKind

_ALERT, _NOTICE, _DIGEST = 0, 1, 2
DIGEST_LEASE = timedelta(minutes=5)
"""How long a collected digest is this process's: far longer than sending a digest's few messages takes, short
enough that one cut off by a crash or an outage goes out minutes later."""


class Lease(Enum):
    """Where a row job stands with its outbox row's lease."""

    NOT_TAKEN = "not taken"  # collected, not yet claimed: another process may still take it
    TAKEN = "taken"  # claimed by this process until the lease ends; sent or handed back
    LOST = "lost"  # another process claimed it first: this process leaves it alone


@dataclass(kw_only=True)
class _Messages:
    """Messages for one chat, sent in order; `order` places them in the chat's queue (oldest first)."""

    chat_id: int
    order: tuple[datetime, int, int]
    parts: list[str]
    keyboard: Keyboard = ()
    next_part: int = 0

    def buttons(self) -> Keyboard:
        """The buttons go under the last part only."""
        return self.keyboard if self.next_part == len(self.parts) - 1 else ()


@dataclass(kw_only=True)
class RowJob(_Messages):
    """An alert or a notice: one outbox row, leased before its first send so no two processes send it."""

    kind: OutboxKind
    row_id: int
    attempts: int
    lease: Lease = Lease.NOT_TAKEN

    @property
    def rows(self) -> tuple[int, ...]:
        """The outbox rows this job settles once its last part is sent."""
        return (self.row_id,)


@dataclass(kw_only=True)
class DigestJob(_Messages):
    """One message of a chat's daily digest, due by the chat's clock. The digest was leased whole when it
    was collected (`storage.lease_digest`); it settles its rows message by message, and the last message
    records the digest as sent."""

    delivery_ids: tuple[int, ...]
    completes_digest: bool

    @property
    def rows(self) -> tuple[int, ...]:
        return self.delivery_ids


Job = RowJob | DigestJob


def alert_job(delivery: DueDelivery, titles: Mapping[str, str], status_change: str | None = None) -> RowJob:
    return RowJob(
        chat_id=delivery.chat_id,
        order=(delivery.created_at, _ALERT, delivery.id),
        parts=split_message(render_alert(delivery, titles.get(delivery.commitment_id), status_change)),
        keyboard=feedback_keyboard(delivery.id),
        kind=DELIVERY,
        row_id=delivery.id,
        attempts=delivery.attempts,
    )


def notice_job(notice: DueNotice) -> RowJob:
    return RowJob(
        chat_id=notice.chat_id,
        order=(notice.created_at, _NOTICE, notice.id),
        parts=split_message(notice_markup(notice.payload)),
        kind=NOTICE,
        row_id=notice.id,
        attempts=notice.attempts,
    )


def digest_jobs(chat_id: int, slot: datetime, items: list[DueDelivery], titles: Mapping[str, str]) -> list[DigestJob]:
    messages = render_digest(items, titles)
    return [
        DigestJob(
            chat_id=chat_id,
            order=(slot, _DIGEST, index),
            parts=[message.markup],
            delivery_ids=message.delivery_ids,
            completes_digest=index == len(messages) - 1,
        )
        for index, message in enumerate(messages)
    ]


async def collect_jobs(services: Services, now: datetime, limit: int, scope: storage.ChatScope) -> list[Job]:
    """Everything due at `now` in the sender's chats: alerts, notices, and the digests whose time has come."""
    titles = services.watchlist.titles()
    async with services.database.transaction() as connection:
        alerts = await storage.due_deliveries(connection, now, limit, scope)
        notices = await storage.due_notices(connection, now, limit, scope)
        digests = await _due_digests(connection, now, scope)
        changes = await alert_status_changes(connection, alerts, services.watchlist)
    jobs: list[Job] = [alert_job(delivery, titles, changes.get(delivery.id)) for delivery in alerts]
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
        if slot is None or not await storage.lease_digest(connection, chat.id, slot, now, now + DIGEST_LEASE):
            continue  # not due, or another process is sending it
        items = await storage.digest_deliveries(connection, chat.id, slot)
        if items:
            due.append((chat.id, slot, items))
    return due
