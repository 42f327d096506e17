"""Articles and the pledges they matched."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.schema import articles, matches


class NewArticle(Protocol):
    """An article as parsed from a feed, before it has an id (`feeds.Article` is one; storage does not
    import feeds, which sits above it)."""

    @property
    def identity(self) -> str: ...
    @property
    def guid(self) -> str | None: ...
    @property
    def link(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def outlet(self) -> str: ...
    @property
    def published(self) -> datetime: ...
    @property
    def content_hash(self) -> str: ...


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    identity: str
    guid: str | None
    link: str | None
    title: str
    summary: str
    outlet: str
    published: datetime
    first_seen: datetime
    feed_id: int | None
    content_hash: str
    story_id: int | None


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """A match as stored; `signal` is the matcher's progress | setback | mention, kept as its text."""

    commitment_id: str
    score: float
    why: tuple[str, ...]
    signal: str = "mention"


@dataclass(frozen=True, slots=True)
class MatchedArticle:
    """An article together with one pledge it matched, as `/status` and `/latest` show it."""

    article: StoredArticle
    commitment_id: str
    score: float
    why: tuple[str, ...]
    signal: str = "mention"


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    article_id: int
    story_id: int
    title: str


def _article(mapping: RowMapping) -> StoredArticle:
    return StoredArticle(**{c.name: mapping[c.name] for c in articles.columns})


async def insert_articles(
    connection: AsyncConnection,
    new: Sequence[tuple[NewArticle, int | None]],
    *,
    feed_id: int | None,
    first_seen: datetime,
) -> list[StoredArticle]:
    """Store the (article, story id) pairs not stored yet and return those stored, in order.

    One INSERT for the lot, because a feed's first poll brings dozens of articles and each
    statement costs a round trip to the database thread. An article given no story starts its
    own, named by its id; one whose identity is stored already (another feed or process got
    there first) is left out of the result. The rows go in sorted by identity, so that on
    PostgreSQL two feeds storing the same articles in different orders cannot deadlock.
    """
    if not new:
        return []
    rows = [
        {
            "identity": article.identity,
            "guid": article.guid,
            "link": article.link,
            "title": article.title,
            "summary": article.summary,
            "outlet": article.outlet,
            "published": article.published,
            "first_seen": first_seen,
            "feed_id": feed_id,
            "content_hash": article.content_hash,
            "story_id": story_id,
        }
        for article, story_id in new
    ]
    statement = insert_or_ignore(connection, articles, ["identity"]).returning(articles.c.id, articles.c.identity)
    in_lock_order = sorted(rows, key=lambda row: str(row["identity"]))
    ids = {identity: article_id for article_id, identity in await connection.execute(statement, in_lock_order)}
    own_stories = [ids[row["identity"]] for row in rows if row["story_id"] is None and row["identity"] in ids]
    if own_stories:
        await connection.execute(update(articles).where(articles.c.id.in_(own_stories)).values(story_id=articles.c.id))
    stored = []
    for row in rows:
        article_id = ids.pop(row["identity"], None)  # pop: an identity given twice is stored once
        if article_id is not None:
            stored.append(StoredArticle(**{**row, "id": article_id, "story_id": row["story_id"] or article_id}))
    return stored


async def known_identities(connection: AsyncConnection, identities: Sequence[str]) -> set[str]:
    """Which of these identities are stored already, so a poll skips them before matching."""
    if not identities:
        return set()
    result = await connection.execute(select(articles.c.identity).where(articles.c.identity.in_(list(identities))))
    return set(result.scalars())


async def story_candidates(connection: AsyncConnection, since: datetime, after_id: int = 0) -> list[StoryCandidate]:
    """Recent articles whose titles a new article may share a story with; `after_id`: only those stored since."""
    query = select(articles.c.id, articles.c.story_id, articles.c.title).where(
        articles.c.first_seen >= since, articles.c.id > after_id
    )
    result = await connection.execute(query)
    return [StoryCandidate(row.id, row.story_id or row.id, row.title) for row in result]


async def insert_matches(connection: AsyncConnection, found: Sequence[tuple[int, MatchRecord]]) -> None:
    """(article id, match) pairs, in one statement."""
    if not found:
        return
    await connection.execute(
        matches.insert(),
        [
            {
                "article_id": article_id,
                "commitment_id": m.commitment_id,
                "score": m.score,
                "why": json.dumps(m.why),
                "signal": m.signal,
            }
            for article_id, m in found
        ],
    )


def _matched_query() -> Select[tuple[object, ...]]:
    return select(articles, matches.c.commitment_id, matches.c.score, matches.c.why, matches.c.signal).join(
        matches, matches.c.article_id == articles.c.id
    )


def _matched(mapping: RowMapping) -> MatchedArticle:
    return MatchedArticle(
        article=_article(mapping),
        commitment_id=mapping["commitment_id"],
        score=mapping["score"],
        why=tuple(json.loads(mapping["why"])),
        signal=mapping["signal"],
    )


async def latest_matched(
    connection: AsyncConnection,
    limit: int,
    commitment_ids: Sequence[str] | None = None,
    until: datetime | None = None,
) -> list[MatchedArticle]:
    """Newest matched articles first (by publication time), optionally for some pledges only."""
    query = _matched_query()
    if commitment_ids is not None:
        query = query.where(matches.c.commitment_id.in_(list(commitment_ids)))
    if until is not None:
        query = query.where(articles.c.published <= until)
    query = query.order_by(articles.c.published.desc(), articles.c.id.desc()).limit(limit)
    return [_matched(m) for m in (await connection.execute(query)).mappings()]


async def count_matches_since(connection: AsyncConnection, since: datetime) -> dict[str, int]:
    """Matched-article counts per pledge for articles published since `since`."""
    query = (
        select(matches.c.commitment_id, func.count())
        .join(articles, matches.c.article_id == articles.c.id)
        .where(articles.c.published >= since)
        .group_by(matches.c.commitment_id)
    )
    return {row[0]: row[1] for row in await connection.execute(query)}


async def latest_match_dates(connection: AsyncConnection) -> dict[str, datetime]:
    """The publication time of each pledge's newest matched article."""
    query = (
        select(matches.c.commitment_id, func.max(articles.c.published))
        .join(articles, matches.c.article_id == articles.c.id)
        .group_by(matches.c.commitment_id)
    )
    return {row[0]: row[1] for row in await connection.execute(query)}


async def search_articles(connection: AsyncConnection, words: Sequence[str], limit: int) -> list[StoredArticle]:
    """Stored articles containing every word in title or summary, newest first (case-insensitive)."""
    conditions = [
        or_(
            func.lower(articles.c.title).contains(w.lower(), autoescape=True),
            func.lower(articles.c.summary).contains(w.lower(), autoescape=True),
        )
        for w in words
    ]
    query = select(articles).where(and_(*conditions)).order_by(articles.c.published.desc()).limit(limit)
    return [_article(m) for m in (await connection.execute(query)).mappings()]


async def article_by_reference(connection: AsyncConnection, reference: str) -> StoredArticle | None:
    """A stored article by its id ("1234") or its link, as an admin copies it from an alert."""
    condition = articles.c.id == int(reference) if reference.isdigit() else articles.c.link == reference.strip("<>")
    mapping = (await connection.execute(select(articles).where(condition))).mappings().first()
    return _article(mapping) if mapping else None


async def link_match(connection: AsyncConnection, article_id: int, match: MatchRecord) -> None:
    """A match made by hand; a match the matcher already made stands, with its reasons."""
    statement = insert_or_ignore(connection, matches, ["article_id", "commitment_id"]).values(
        article_id=article_id,
        commitment_id=match.commitment_id,
        score=match.score,
        why=json.dumps(match.why),
        signal=match.signal,
    )
    await connection.execute(statement)
