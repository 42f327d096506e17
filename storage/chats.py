"""Chats (users, groups, channels) and what each one subscribed to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.schema import chats, subscriptions

ALL = "all"
COMMITMENT = "commitment"
TAG = "tag"
KIND = "kind"  # target is a pledge kind: "position", "mechanism", ...


@dataclass(frozen=True, slots=True)
class ChatRow:
    id: int
    kind: str
    title: str | None
    active: bool
    inactive_reason: str | None
    timezone: str
    muted_until: datetime | None
    delivery_mode: str
    digest_time: str | None
    last_digest_at: datetime | None
    created_at: datetime
    scorecard_day: int | None = None
    scorecard_time: str | None = None
    last_scorecard_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    chat_id: int
    target_kind: str
    target: str
    created_at: datetime


def _chat(mapping: RowMapping) -> ChatRow:
    return ChatRow(**dict(mapping))


async def ensure_chat(
    connection: AsyncConnection, chat_id: int, kind: str, title: str | None, now: datetime, *, came_back: bool = True
) -> None:
    """Record a chat the first time it talks to the bot; a chat that comes back is active again.

    `came_back=False` is for a chat the bot writes to first (an admin's notice): its row is made if
    missing and otherwise left as it is, so an admin who blocked the bot stays inactive.
    """
    await connection.execute(
        insert_or_ignore(connection, chats, ["id"]).values(id=chat_id, kind=kind, title=title, created_at=now)
    )
    if came_back:
        await connection.execute(
            update(chats).where(chats.c.id == chat_id).values(kind=kind, title=title, active=True, inactive_reason=None)
        )


async def get_chat(connection: AsyncConnection, chat_id: int) -> ChatRow | None:
    mapping = (await connection.execute(select(chats).where(chats.c.id == chat_id))).mappings().first()
    return _chat(mapping) if mapping else None


async def update_chat(connection: AsyncConnection, chat_id: int, **values: object) -> None:
    """Change chat settings (mute, digest, time zone, weekly scorecard)."""
    allowed = {
        "muted_until",
        "delivery_mode",
        "digest_time",
        "timezone",
        "last_digest_at",
        "scorecard_day",
        "scorecard_time",
        "last_scorecard_at",
    }
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"not chat settings: {sorted(unknown)}")
    await connection.execute(update(chats).where(chats.c.id == chat_id).values(**values))


async def deactivate_chat(connection: AsyncConnection, chat_id: int, reason: str) -> None:
    await connection.execute(update(chats).where(chats.c.id == chat_id).values(active=False, inactive_reason=reason))


async def migrate_chat(connection: AsyncConnection, old_id: int, new_id: int) -> None:
    """A group upgraded to a supergroup gets a new id; its settings and outbox follow it."""
    await connection.execute(update(chats).where(chats.c.id == old_id).values(id=new_id, kind="supergroup"))


async def subscribe(connection: AsyncConnection, chat_id: int, target_kind: str, target: str, now: datetime) -> bool:
    """Add a subscription; False when the chat already had it."""
    statement = insert_or_ignore(connection, subscriptions, ["chat_id", "target_kind", "target"]).values(
        chat_id=chat_id, target_kind=target_kind, target=target, created_at=now
    )
    return (await connection.execute(statement)).rowcount == 1


async def unsubscribe(connection: AsyncConnection, chat_id: int, target_kind: str | None, target: str = "") -> int:
    """Remove one subscription, or all of the chat's when `target_kind` is None; returns how many went."""
    statement = delete(subscriptions).where(subscriptions.c.chat_id == chat_id)
    if target_kind is not None:
        statement = statement.where(subscriptions.c.target_kind == target_kind, subscriptions.c.target == target)
    return (await connection.execute(statement)).rowcount


async def list_subscriptions(connection: AsyncConnection, chat_id: int | None = None) -> list[Subscription]:
    query = select(
        subscriptions.c.chat_id,
        subscriptions.c.target_kind,
        subscriptions.c.target,
        subscriptions.c.created_at,
    ).order_by(subscriptions.c.chat_id, subscriptions.c.id)
    if chat_id is not None:
        query = query.where(subscriptions.c.chat_id == chat_id)
    return [Subscription(*row) for row in await connection.execute(query)]


async def scorecard_chats(connection: AsyncConnection) -> list[ChatRow]:
    """Active chats that asked for a weekly scorecard; whose is due is decided in bot/."""
    query = select(chats).where(chats.c.active.is_(True), chats.c.scorecard_day.is_not(None)).order_by(chats.c.id)
    return [_chat(mapping) for mapping in (await connection.execute(query)).mappings()]
