"""News, matches and feeds written through the storage functions, as a feed refresh would.

Titles are our own words. One title carries every character Telegram HTML needs escaped, and
one link has a query string with `&`, so a rendering slip fails the emulator's HTML check.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from feeds import Article
from storage import (
    Database,
    FeedSpec,
    MatchRecord,
    insert_matches,
    list_feeds,
    record_error,
    record_success,
    sync_feeds,
)
from tests.bot.harness import NOW
from tests.support.storage import insert_article

ML1 = "ml-1-railway"
KCR = "karachi-circular-railway"
GWADAR = "gwadar-port"
TRICKY_TITLE = 'Tender for ML-1 "package A" <draft> & costs'
TRICKY_LINK = "https://news.example.org/ml1?part=a&lang=en"
ML1_DAYS_AGO = (2, 5, 6, 10, 20, 40, 60)
UNMATCHED_TITLE = "Cricket board names squad for the winter series"


def _title(days_ago: int) -> str:
    return TRICKY_TITLE if days_ago == 10 else f"Main Line-1 railway update from {days_ago} days ago"


async def add_article(
    database: Database,
    title: str,
    outlet: str,
    days_ago: int,
    pledges: list[str],
    feed_id: int | None = None,
    signal: str = "mention",
) -> None:
    link = (
        TRICKY_LINK
        if title == TRICKY_TITLE
        else f"https://news.example.org/{hashlib.sha1(title.encode()).hexdigest()[:8]}"
    )
    article = Article(
        identity=link,
        guid=None,
        link=link,
        title=title,
        summary=f"Summary of: {title}",
        outlet=outlet,
        published=NOW - timedelta(days=days_ago),
        content_hash=hashlib.sha256(title.encode()).hexdigest(),
    )
    async with database.transaction() as connection:
        stored = await insert_article(connection, article, feed_id=feed_id, first_seen=article.published)
        assert stored is not None
        await insert_matches(connection, [(stored.id, MatchRecord(p, 0.9, ("ML-1",), signal)) for p in pledges])


async def seed_feeds(database: Database) -> tuple[int, int]:
    """Two feeds: one healthy, one failing three times in a row."""
    specs = [
        FeedSpec("dawn", "https://feeds.example.org/dawn.xml"),
        FeedSpec("tribune", "https://feeds.example.org/t.xml"),
    ]
    async with database.transaction() as connection:
        await sync_feeds(connection, specs, ["config"], NOW - timedelta(days=1))
        dawn, tribune = await list_feeds(connection)
        await record_success(
            connection,
            dawn.id,
            checked_at=NOW - timedelta(minutes=5),
            next_check_at=NOW + timedelta(minutes=10),
            etag=None,
            last_modified=None,
        )
        for _ in range(3):
            await record_error(
                connection,
                tribune.id,
                checked_at=NOW - timedelta(minutes=3),
                next_check_at=NOW + timedelta(hours=1),
                error="HTTP 503 from https://feeds.example.org/t.xml <busy>",
            )
    return dawn.id, tribune.id


async def seed_news(database: Database) -> None:
    dawn, tribune = await seed_feeds(database)
    for days_ago in ML1_DAYS_AGO:
        await add_article(database, _title(days_ago), "Dawn & Co", days_ago, [ML1], dawn)
    await add_article(database, "Karachi Circular Railway work to begin next spring", "Dawn", 1, [KCR], dawn)
    await add_article(database, "Gwadar port handles its largest cargo yet", "Tribune", 3, [GWADAR, ML1], tribune)
    await add_article(database, UNMATCHED_TITLE, "Tribune", 1, [], tribune)
