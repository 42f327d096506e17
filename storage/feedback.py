"""Readers' verdicts: stored, changed by a second press, listed for learning, exported and imported."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.schema import articles, deliveries, feedback


class FeedbackSource(StrEnum):
    BUTTON = "button"  # a reader pressed Relevant / Not about this pledge under an alert
    LINK = "link"  # an admin linked an article that should have matched
    IMPORT = "import"  # a line of `pledgewatch feedback import`


@dataclass(frozen=True, slots=True)
class Verdict:
    """A stored verdict with the words it judged."""

    title: str
    summary: str
    commitment_id: str
    relevant: bool
    by_admin: bool
    source: str


async def record_verdict(
    connection: AsyncConnection,
    *,
    article_id: int | None,
    commitment_id: str,
    title: str,
    summary: str,
    relevant: bool,
    source: FeedbackSource,
    chat_id: int | None,
    user_id: int | None,
    by_admin: bool,
    now: datetime,
) -> None:
    """Store a verdict; the same reader judging the same (article, pledge) again changes it."""
    values = {
        "article_id": article_id,
        "commitment_id": commitment_id,
        "title": title,
        "summary": summary,
        "relevant": relevant,
        "source": source.value,
        "chat_id": chat_id,
        "user_id": user_id,
        "by_admin": by_admin,
        "created_at": now,
        "updated_at": now,
    }
    key = ["article_id", "commitment_id", "user_id"]
    inserted = await connection.execute(insert_or_ignore(connection, feedback, key).values(**values))
    if inserted.rowcount == 0 and article_id is not None:
        where = (
            (feedback.c.article_id == article_id)
            & (feedback.c.commitment_id == commitment_id)
            & (feedback.c.user_id == user_id if user_id is not None else feedback.c.user_id.is_(None))
        )
        await connection.execute(update(feedback).where(where).values(relevant=relevant, updated_at=now))


async def list_verdicts(connection: AsyncConnection, admins_only: bool) -> list[Verdict]:
    """Every verdict to learn from, oldest first; only administrators' when `admins_only`."""
    query = select(feedback).order_by(feedback.c.id)
    if admins_only:
        query = query.where(feedback.c.by_admin.is_(True))
    return [
        Verdict(row.title, row.summary, row.commitment_id, row.relevant, row.by_admin, row.source)
        for row in await connection.execute(query)
    ]


async def verdicts_changed_since(connection: AsyncConnection, since: datetime | None) -> int:
    """How many verdicts were given or changed after `since` (all of them when None)."""
    query = select(func.count()).select_from(feedback)
    if since is not None:
        query = query.where(feedback.c.updated_at > since)
    return int((await connection.execute(query)).scalar_one())


async def verdict_of(connection: AsyncConnection, article_id: int, commitment_id: str, user_id: int) -> bool | None:
    """This reader's verdict on this (article, pledge), or None."""
    query = select(feedback.c.relevant).where(
        feedback.c.article_id == article_id, feedback.c.commitment_id == commitment_id, feedback.c.user_id == user_id
    )
    found = (await connection.execute(query)).scalar_one_or_none()
    return None if found is None else bool(found)


async def import_verdicts(
    connection: AsyncConnection, verdicts: Sequence[tuple[str, str, str, bool]], now: datetime
) -> int:
    """(title, summary, commitment id, relevant) lines of a file, stored as administrators' verdicts."""
    for title, summary, commitment_id, relevant in verdicts:
        await record_verdict(
            connection,
            article_id=None,
            commitment_id=commitment_id,
            title=title,
            summary=summary,
            relevant=relevant,
            source=FeedbackSource.IMPORT,
            chat_id=None,
            user_id=None,
            by_admin=True,
            now=now,
        )
    return len(verdicts)


@dataclass(frozen=True, slots=True)
class AlertedPair:
    """What an alert's outbox row was about: the words of its article and the pledge."""

    article_id: int
    commitment_id: str
    title: str
    summary: str


async def alerted_pair(connection: AsyncConnection, delivery_id: int) -> AlertedPair | None:
    """The (article, pledge) of an alert, by its outbox row (what its buttons carry); None when gone."""
    query = (
        select(deliveries.c.article_id, deliveries.c.commitment_id, articles.c.title, articles.c.summary)
        .join(articles, articles.c.id == deliveries.c.article_id)
        .where(deliveries.c.id == delivery_id)
    )
    row = (await connection.execute(query)).first()
    return AlertedPair(row.article_id, row.commitment_id, row.title, row.summary) if row else None
