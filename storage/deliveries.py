"""The alert outbox: one delivery row per (chat, article), written with the match that caused it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.chats import ALL, COMMITMENT, TAG
from storage.schema import articles, chats, deliveries, subscriptions


@dataclass(frozen=True, slots=True)
class PledgeHit:
    """A pledge an article matched, with the pledge's tags (subscriptions may be by tag)."""

    commitment_id: str
    tags: tuple[str, ...]


def _wants(kind: str, target: str, hit: PledgeHit) -> bool:
    return kind == ALL or (kind == COMMITMENT and target == hit.commitment_id) or (kind == TAG and target in hit.tags)


async def enqueue_deliveries(
    connection: AsyncConnection,
    *,
    article_id: int,
    story_id: int,
    first_seen: datetime,
    hits: Sequence[PledgeHit],
    now: datetime,
) -> int:
    """Queue one alert per subscribed chat for a newly stored article; returns how many were queued.

    `hits` come best first, and each chat's alert names the best pledge it subscribed to. Chats
    that subscribed after the article was first seen get nothing (their backlog is for `/status`),
    and a chat that already has an alert for the same story gets no second one.
    """
    if not hits:
        return 0
    commitment_ids = [h.commitment_id for h in hits]
    tags = sorted({t for h in hits for t in h.tags})
    query = (
        select(subscriptions.c.chat_id, subscriptions.c.target_kind, subscriptions.c.target)
        .join(chats, chats.c.id == subscriptions.c.chat_id)
        .where(
            chats.c.active.is_(True),
            subscriptions.c.created_at <= first_seen,
            or_(
                subscriptions.c.target_kind == ALL,
                and_(subscriptions.c.target_kind == COMMITMENT, subscriptions.c.target.in_(commitment_ids)),
                and_(subscriptions.c.target_kind == TAG, subscriptions.c.target.in_(tags)),
            ),
        )
    )
    wanted: dict[int, list[tuple[str, str]]] = {}
    for chat_id, kind, target in await connection.execute(query):
        wanted.setdefault(chat_id, []).append((kind, target))
    already = await _chats_alerted_for_story(connection, story_id, article_id)
    rows = []
    for chat_id, subs in wanted.items():
        if chat_id in already:
            continue
        best = next(h for h in hits if any(_wants(kind, target, h) for kind, target in subs))
        rows.append(
            {
                "chat_id": chat_id,
                "article_id": article_id,
                "commitment_id": best.commitment_id,
                "next_attempt_at": now,
                "created_at": now,
            }
        )
    if rows:
        await connection.execute(insert_or_ignore(connection, deliveries, ["chat_id", "article_id"]), rows)
    return len(rows)


async def _chats_alerted_for_story(connection: AsyncConnection, story_id: int, article_id: int) -> set[int]:
    query = (
        select(deliveries.c.chat_id)
        .join(articles, articles.c.id == deliveries.c.article_id)
        .where(articles.c.story_id == story_id, articles.c.id != article_id)
    )
    return set((await connection.execute(query)).scalars())
