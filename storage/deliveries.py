"""The alert outbox: one delivery row per (chat, article), written with the match that caused it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.chats import ALL, COMMITMENT, KIND, TAG
from storage.schema import articles, chats, deliveries, subscriptions


@dataclass(frozen=True, slots=True)
class PledgeHit:
    """A pledge an article matched, with its tags and kind (subscriptions may be by either)."""

    commitment_id: str
    tags: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class NewAlert:
    """A newly stored article and the pledges it matched, best first."""

    article_id: int
    story_id: int
    hits: tuple[PledgeHit, ...]


def _wants(kind: str, target: str, hit: PledgeHit) -> bool:
    return (
        kind == ALL
        or (kind == COMMITMENT and target == hit.commitment_id)
        or (kind == TAG and target in hit.tags)
        or (kind == KIND and target == hit.kind)
    )


async def enqueue_alerts(
    connection: AsyncConnection, alerts: Sequence[NewAlert], *, first_seen: datetime, now: datetime
) -> int:
    """Queue one alert per subscribed chat and story for newly stored articles; returns how many.

    Each chat's alert names the best pledge it subscribed to. Chats that subscribed after the
    articles were first seen get nothing (their backlog is for `/status`), and a chat that already
    has an alert for a story — from an earlier poll or earlier in this batch — gets no second one.
    """
    alerts = [alert for alert in alerts if alert.hits]
    if not alerts:
        return 0
    audience = await _subscriptions_before(connection, first_seen)
    alerted = await _chats_alerted_for(connection, {a.story_id for a in alerts if a.story_id != a.article_id})
    rows = []
    for alert in alerts:
        told = alerted.setdefault(alert.story_id, set())
        for chat_id, wanted in audience.items():
            best = next((hit for hit in alert.hits if any(_wants(k, t, hit) for k, t in wanted)), None)
            if best is None or chat_id in told:
                continue
            told.add(chat_id)
            rows.append(
                {
                    "chat_id": chat_id,
                    "article_id": alert.article_id,
                    "commitment_id": best.commitment_id,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
    if rows:
        await connection.execute(insert_or_ignore(connection, deliveries, ["chat_id", "article_id"]), rows)
    return len(rows)


async def _subscriptions_before(connection: AsyncConnection, first_seen: datetime) -> dict[int, list[tuple[str, str]]]:
    """Each active chat's subscriptions made by `first_seen`, read once for a whole batch."""
    query = (
        select(subscriptions.c.chat_id, subscriptions.c.target_kind, subscriptions.c.target)
        .join(chats, chats.c.id == subscriptions.c.chat_id)
        .where(chats.c.active.is_(True), subscriptions.c.created_at <= first_seen)
    )
    audience: dict[int, list[tuple[str, str]]] = {}
    for chat_id, kind, target in await connection.execute(query):
        audience.setdefault(chat_id, []).append((kind, target))
    return audience


async def _chats_alerted_for(connection: AsyncConnection, story_ids: set[int]) -> dict[int, set[int]]:
    """For stories that existed before this batch: the chats that already have an alert for them."""
    if not story_ids:
        return {}
    query = (
        select(articles.c.story_id, deliveries.c.chat_id)
        .join(articles, articles.c.id == deliveries.c.article_id)
        .where(articles.c.story_id.in_(sorted(story_ids)))
    )
    alerted: dict[int, set[int]] = {}
    for story_id, chat_id in await connection.execute(query):
        alerted.setdefault(story_id, set()).add(chat_id)
    return alerted
