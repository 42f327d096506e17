"""Building blocks for the alert tests: a watchlist, Services over a test database, matched articles."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import storage
from bot.config import Config
from bot.services import Services
from feeds import Article
from storage import Database, MatchRecord, PledgeHit, StoredArticle
from tests.support.storage import insert_article
from watchlist import Commitment, Watchlist, WatchlistReloader, render_watchlist

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

PLEDGES = (
    Commitment(
        "ml-1-railway",
        "Main Line-1 (ML-1) railway",
        "Economy",
        "China agreed to the development of the Main Line-1 railway.",
        aliases=("ML-1",),
        tags=("rail",),
        deadline=date(2026, 6, 30),
    ),
    Commitment(
        "karachi-circular-railway",
        "Karachi Circular Railway (KCR)",
        "Economy",
        "They also agreed to actively advance the Karachi Circular Railway.",
        tags=("rail", "karachi"),
    ),
    Commitment(
        "gwadar-port",
        "Gwadar port and free zone",
        "Economy",
        "Both agreed to speed up progress on the port and free zone.",
        tags=("ports",),
        deadline=date(2027, 12, 31),
    ),
)

_serial = itertools.count(1)


@dataclass
class FixedClock:
    """A clock tests move by hand."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def make_services(
    database: Database,
    folder: Path,
    *,
    clock: Callable[[], datetime] | None = None,
    alert_chat: int | str | None = None,
    admins: tuple[int, ...] = (),
) -> Services:
    path = folder / "watchlist.toml"
    path.write_text(render_watchlist(Watchlist(PLEDGES)), encoding="utf-8")
    config = Config()
    telegram = config.telegram.model_copy(update={"alert_chat": alert_chat, "admins": list(admins)})
    config = config.model_copy(update={"telegram": telegram})
    return Services(config, database, WatchlistReloader(path), clock or FixedClock())


async def add_chat(
    database: Database, chat_id: int, *, subscribe_to: str = "all", at: datetime = T0, kind: str = "private"
) -> None:
    """A chat subscribed to "all", a pledge id, "tag:<tag>" or "kind:<kind>"."""
    prefix, _, value = subscribe_to.partition(":")
    target_kind, target = (
        ("all", "")
        if subscribe_to == "all"
        else (prefix, value)
        if prefix in ("tag", "kind") and value
        else ("commitment", subscribe_to)
    )
    async with database.transaction() as connection:
        await storage.ensure_chat(connection, chat_id, kind, f"chat {chat_id}", at)
        await storage.subscribe(connection, chat_id, target_kind, target, at)


async def publish(
    database: Database,
    *,
    title: str = "ML-1 financing signed",
    commitment_id: str = "ml-1-railway",
    outlet: str = "Dawn",
    summary: str = "The agreement covers the first phase of the railway upgrade.",
    link: str | None = None,
    story_id: int | None = None,
    at: datetime = T0 + timedelta(hours=1),
    why: tuple[str, ...] = ("ML-1",),
    signal: str = "mention",
) -> StoredArticle:
    """Store an article matched to one pledge and queue its alerts, as a feed refresh does."""
    serial = next(_serial)
    article = Article(
        identity=f"test-{serial}",
        guid=f"guid-{serial}",
        link=link if link is not None else f"https://news.example/{serial}",
        title=title,
        summary=summary,
        outlet=outlet,
        published=at,
        content_hash=hashlib.sha256(title.encode()).hexdigest(),
    )
    pledge = next(c for c in PLEDGES if c.id == commitment_id)
    async with database.transaction() as connection:
        stored = await insert_article(connection, article, feed_id=None, first_seen=at, story_id=story_id)
        assert stored is not None and stored.story_id is not None
        await storage.insert_matches(connection, [(stored.id, MatchRecord(commitment_id, 0.9, why, signal))])
        alert = storage.NewAlert(stored.id, stored.story_id, (PledgeHit(pledge.id, pledge.tags, pledge.kind),))
        await storage.enqueue_alerts(connection, [alert], first_seen=at, now=at)
    return stored


async def wait_until_async(check: Callable[[], Awaitable[bool]], timeout: float, describe: Callable[[], str]) -> None:
    """`tests.support.waiting.wait_until` for a condition that must query the database."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() >= deadline:
            raise AssertionError(f"not within {timeout}s: {describe()}")
        await asyncio.sleep(0.02)
