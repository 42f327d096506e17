"""Storage helpers only tests need: one article at a time, and counts to check what was stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from feeds import Article
from storage import NewArticle, StoredArticle, insert_articles
from storage.schema import articles, chats, deliveries


def article(
    identity: str, title: str, published: datetime, outlet: str = "Dawn", summary: str = "", link: str | None = None
) -> Article:
    """An article as a feed would give it; its content hash does not matter to these tests."""
    return Article(identity, None, link, title, summary, published, "0" * 64, outlet)


async def insert_article(
    connection: AsyncConnection,
    new: NewArticle,
    *,
    feed_id: int | None,
    first_seen: datetime,
    story_id: int | None = None,
) -> StoredArticle | None:
    """One article through the batch insert; None means "seen before"."""
    stored = await insert_articles(connection, [(new, story_id)], feed_id=feed_id, first_seen=first_seen)
    return stored[0] if stored else None


async def article_count(connection: AsyncConnection) -> int:
    return int((await connection.execute(select(func.count()).select_from(articles))).scalar_one())


async def active_chats(connection: AsyncConnection) -> dict[int, bool]:
    """Every chat id with whether it is active."""
    return {row.id: row.active for row in await connection.execute(select(chats.c.id, chats.c.active))}


async def outbox_counts(connection: AsyncConnection) -> dict[str, int]:
    """Deliveries per state."""
    query = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
    return {state: count for state, count in await connection.execute(query)}
