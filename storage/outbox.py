"""The outbox as the dispatcher reads and settles it: deliveries (article alerts) and notices.

A row is `pending` until a message for it reached Telegram (`sent`) or never can (`failed`).
Chat settings are applied when reading, not by rewriting rows: a muted chat's rows are simply
not due until `muted_until`, and a digest-mode chat's rows wait for its digest. So `/mute off`
or leaving digest mode takes effect at once, and nothing is dropped on the way.

Sending one row is claim → send → mark, each its own short transaction. The claim moves
`next_attempt_at` forward by a lease, so a second dispatcher (another process on the same
PostgreSQL database) skips rows in flight, and a dispatcher killed mid-send leaves rows that
become due again when the lease ends.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, Table, and_, func, or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.articles import StoredArticle
from storage.chats import ALL, COMMITMENT, KIND, TAG, ChatRow
from storage.deliveries import PledgeHit
from storage.schema import articles, chats, deliveries, matches, notices, subscriptions

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
IMMEDIATE = "immediate"
DIGEST = "digest"
DELIVERY: Literal["delivery"] = "delivery"
NOTICE: Literal["notice"] = "notice"
OutboxKind = Literal["delivery", "notice"]

_TABLES: dict[str, Table] = {DELIVERY: deliveries, NOTICE: notices}


@dataclass(frozen=True, slots=True)
class DueDelivery:
    """A pending alert with everything needed to render it; `also_in` are other outlets of the story."""

    id: int
    chat_id: int
    commitment_id: str
    created_at: datetime
    attempts: int
    article: StoredArticle
    why: tuple[str, ...]
    also_in: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DueNotice:
    id: int
    chat_id: int
    kind: str
    subject: str
    payload: str
    created_at: datetime
    attempts: int


def _not_muted(now: datetime) -> ColumnElement[bool]:
    return or_(chats.c.muted_until.is_(None), chats.c.muted_until <= now)


def _delivery_query() -> Select[Any]:
    return (
        select(
            deliveries.c.id.label("delivery_id"),
            deliveries.c.chat_id,
            deliveries.c.commitment_id,
            deliveries.c.created_at.label("queued_at"),
            deliveries.c.attempts,
            matches.c.why,
            *articles.columns,
        )
        .join(chats, chats.c.id == deliveries.c.chat_id)
        .join(articles, articles.c.id == deliveries.c.article_id)
        .outerjoin(
            matches,
            and_(
                matches.c.article_id == deliveries.c.article_id, matches.c.commitment_id == deliveries.c.commitment_id
            ),
        )
        .where(deliveries.c.state == PENDING, chats.c.active.is_(True))
        .order_by(deliveries.c.created_at, deliveries.c.id)
    )


@dataclass(frozen=True, slots=True)
class ChatScope:
    """The chats one sender delivers to: only one chat, or every chat but one (or all).

    The console prints only its own alerts and Telegram never gets the console's; a row outside
    the scope stays queued for a sender whose scope includes it.
    """

    only: int | None = None
    excluding: int | None = None

    def admits(self, chat_id: Any) -> ColumnElement[bool]:
        conditions = []
        if self.only is not None:
            conditions.append(chat_id == self.only)
        if self.excluding is not None:
            conditions.append(chat_id != self.excluding)
        return and_(True, *conditions)


EVERY_CHAT = ChatScope()


async def due_deliveries(
    connection: AsyncConnection, now: datetime, limit: int, scope: ChatScope = EVERY_CHAT
) -> list[DueDelivery]:
    """Alerts to send now, oldest first: not muted, not waiting for a digest, not leased or backing off."""
    query = _delivery_query().where(
        deliveries.c.next_attempt_at <= now,
        chats.c.delivery_mode != DIGEST,
        _not_muted(now),
        scope.admits(deliveries.c.chat_id),
    )
    return await _load_deliveries(connection, query.limit(limit))


async def oldest_due_alert(
    connection: AsyncConnection, now: datetime, scope: ChatScope = EVERY_CHAT
) -> datetime | None:
    """When the oldest alert that should be going out now was queued (None: none waits).

    Counts what `due_deliveries` would send plus rows backing off after a failed send (they are late too);
    leaves out muted chats and digest-mode chats, whose alerts wait by the chat's own choice.
    """
    query = (
        select(func.min(deliveries.c.created_at))
        .select_from(deliveries.join(chats, chats.c.id == deliveries.c.chat_id))
        .where(
            deliveries.c.state == PENDING,
            chats.c.active.is_(True),
            chats.c.delivery_mode != DIGEST,
            _not_muted(now),
            scope.admits(deliveries.c.chat_id),
        )
    )
    oldest: datetime | None = (await connection.execute(query)).scalar_one()
    return oldest


async def digest_deliveries(connection: AsyncConnection, chat_id: int, until: datetime) -> list[DueDelivery]:
    """A digest-mode chat's pending alerts queued up to `until` (the digest slot), oldest first."""
    query = _delivery_query().where(deliveries.c.chat_id == chat_id, deliveries.c.created_at <= until)
    return await _load_deliveries(connection, query)


async def _load_deliveries(connection: AsyncConnection, query: Select[Any]) -> list[DueDelivery]:
    rows = list((await connection.execute(query)).mappings())
    outlets = await _story_outlets(connection, {row["story_id"] for row in rows if row["story_id"] is not None})
    return [_due_delivery(row, outlets.get(row["story_id"], [])) for row in rows]


def _due_delivery(row: RowMapping, story: list[tuple[int, str]]) -> DueDelivery:
    article = StoredArticle(**{column.name: row[column.name] for column in articles.columns})
    others = (outlet for article_id, outlet in story if article_id != article.id and outlet != article.outlet)
    return DueDelivery(
        id=row["delivery_id"],
        chat_id=row["chat_id"],
        commitment_id=row["commitment_id"],
        created_at=row["queued_at"],
        attempts=row["attempts"],
        article=article,
        why=tuple(json.loads(row["why"])) if row["why"] else (),
        also_in=tuple(dict.fromkeys(others)),
    )


async def _story_outlets(connection: AsyncConnection, story_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """(article id, outlet) of every article of these stories, first seen first: one query per batch."""
    if not story_ids:
        return {}
    query = (
        select(articles.c.story_id, articles.c.id, articles.c.outlet)
        .where(articles.c.story_id.in_(sorted(story_ids)), articles.c.outlet != "")
        .order_by(articles.c.first_seen, articles.c.id)
    )
    found: dict[int, list[tuple[int, str]]] = {}
    for story_id, article_id, outlet in await connection.execute(query):
        found.setdefault(story_id, []).append((article_id, outlet))
    return found


async def digest_chats(connection: AsyncConnection, now: datetime, scope: ChatScope = EVERY_CHAT) -> list[ChatRow]:
    """Active, unmuted digest-mode chats that have alerts waiting; whose digest is due is decided in bot/."""
    waiting = select(deliveries.c.id).where(deliveries.c.chat_id == chats.c.id, deliveries.c.state == PENDING)
    query = (
        select(chats)
        .where(
            chats.c.active.is_(True),
            chats.c.delivery_mode == DIGEST,
            _not_muted(now),
            waiting.exists(),
            scope.admits(chats.c.id),
        )
        .order_by(chats.c.id)
    )
    return [ChatRow(**dict(m)) for m in (await connection.execute(query)).mappings()]


async def due_notices(
    connection: AsyncConnection, now: datetime, limit: int, scope: ChatScope = EVERY_CHAT
) -> list[DueNotice]:
    """Notices to send now, oldest first; like alerts they wait while the chat is muted."""
    query = (
        select(notices)
        .join(chats, chats.c.id == notices.c.chat_id)
        .where(
            notices.c.state == PENDING,
            notices.c.next_attempt_at <= now,
            chats.c.active.is_(True),
            _not_muted(now),
            scope.admits(notices.c.chat_id),
        )
        .order_by(notices.c.created_at, notices.c.id)
        .limit(limit)
    )
    return [
        DueNotice(m["id"], m["chat_id"], m["kind"], m["subject"], m["payload"], m["created_at"], m["attempts"])
        for m in (await connection.execute(query)).mappings()
    ]


async def queue_notice(
    connection: AsyncConnection, *, chat_id: int, kind: str, subject: str, payload: str, now: datetime
) -> bool:
    """Queue a notice unless the chat already has one of this kind about this subject; True if queued."""
    statement = insert_or_ignore(connection, notices, ["chat_id", "kind", "subject"]).values(
        chat_id=chat_id, kind=kind, subject=subject, payload=payload, next_attempt_at=now, created_at=now
    )
    return (await connection.execute(statement)).rowcount == 1


async def subscribers_before(connection: AsyncConnection, hit: PledgeHit, before: datetime) -> list[int]:
    """Active chats subscribed to a pledge (by id, one of its tags, its kind, or all) since before `before`."""
    wants = or_(
        subscriptions.c.target_kind == ALL,
        and_(subscriptions.c.target_kind == COMMITMENT, subscriptions.c.target == hit.commitment_id),
        and_(subscriptions.c.target_kind == TAG, subscriptions.c.target.in_(list(hit.tags))),
        and_(subscriptions.c.target_kind == KIND, subscriptions.c.target == hit.kind),
    )
    query = (
        select(subscriptions.c.chat_id)
        .join(chats, chats.c.id == subscriptions.c.chat_id)
        .where(chats.c.active.is_(True), subscriptions.c.created_at < before, wants)
        .distinct()
        .order_by(subscriptions.c.chat_id)
    )
    return list((await connection.execute(query)).scalars())


async def claim(
    connection: AsyncConnection, kind: OutboxKind, item_id: int, now: datetime, lease_until: datetime
) -> bool:
    """Take a due row for sending until `lease_until`; False when another dispatcher has it or it is settled."""
    table = _TABLES[kind]
    statement = (
        update(table)
        .where(table.c.id == item_id, table.c.state == PENDING, table.c.next_attempt_at <= now)
        .values(next_attempt_at=lease_until)
    )
    return (await connection.execute(statement)).rowcount == 1


async def release(connection: AsyncConnection, kind: OutboxKind, ids: Sequence[int], now: datetime) -> None:
    """Give claimed rows back unsent (the dispatcher stopped before their turn): due again at once."""
    if ids:
        table = _TABLES[kind]
        statement = update(table).where(table.c.id.in_(list(ids)), table.c.state == PENDING)
        await connection.execute(statement.values(next_attempt_at=now))


async def mark_sent(connection: AsyncConnection, kind: OutboxKind, ids: Sequence[int], now: datetime) -> None:
    if ids:
        table = _TABLES[kind]
        statement = update(table).where(table.c.id.in_(list(ids)))
        await connection.execute(statement.values(state=SENT, sent_at=now, last_error=None))


async def mark_retry(
    connection: AsyncConnection, kind: OutboxKind, item_id: int, *, next_attempt_at: datetime, error: str
) -> None:
    """Count a failed attempt and try again at `next_attempt_at`."""
    table = _TABLES[kind]
    statement = update(table).where(table.c.id == item_id, table.c.state == PENDING)
    await connection.execute(
        statement.values(attempts=table.c.attempts + 1, next_attempt_at=next_attempt_at, last_error=error[:500])
    )


async def mark_failed(connection: AsyncConnection, kind: OutboxKind, ids: Sequence[int], error: str) -> None:
    """Give up on rows Telegram will never accept (kept, with the reason, for the operator)."""
    if ids:
        table = _TABLES[kind]
        statement = update(table).where(table.c.id.in_(list(ids)), table.c.state == PENDING)
        await connection.execute(statement.values(state=FAILED, attempts=table.c.attempts + 1, last_error=error[:500]))


async def fail_chat_outbox(connection: AsyncConnection, chat_id: int, reason: str) -> int:
    """Settle everything still pending for a chat that left (blocked the bot, was deleted)."""
    count = 0
    for table in (deliveries, notices):
        statement = update(table).where(table.c.chat_id == chat_id, table.c.state == PENDING)
        result = await connection.execute(statement.values(state=FAILED, last_error=reason[:500]))
        count += result.rowcount
    return count


async def count_matches_until(connection: AsyncConnection, commitment_id: str, until: datetime) -> int:
    """How many articles about a pledge were published up to `until` (for a deadline notice)."""
    query = (
        select(func.count())
        .select_from(matches.join(articles, articles.c.id == matches.c.article_id))
        .where(matches.c.commitment_id == commitment_id, articles.c.published <= until)
    )
    return int((await connection.execute(query)).scalar_one())
