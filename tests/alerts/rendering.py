"""Plain values for the rendering tests: articles and deliveries without a database."""

from __future__ import annotations

from datetime import UTC, datetime

from storage import DueDelivery, StoredArticle

PUBLISHED = datetime(2026, 11, 24, 6, 30, tzinfo=UTC)


def article(
    article_id: int = 1,
    *,
    title: str = "ML-1 financing signed",
    summary: str = "The agreement covers the first phase.",
    outlet: str = "Dawn",
    link: str | None = "https://news.example/ml-1",
) -> StoredArticle:
    return StoredArticle(
        id=article_id,
        identity=f"a{article_id}",
        guid=None,
        link=link,
        title=title,
        summary=summary,
        outlet=outlet,
        published=PUBLISHED,
        first_seen=PUBLISHED,
        feed_id=None,
        content_hash="0" * 64,
        story_id=article_id,
    )


def delivery(
    item: StoredArticle | None = None,
    *,
    delivery_id: int = 1,
    commitment_id: str = "ml-1-railway",
    why: tuple[str, ...] = ("ML-1",),
    also_in: tuple[str, ...] = (),
) -> DueDelivery:
    return DueDelivery(
        id=delivery_id,
        chat_id=1,
        commitment_id=commitment_id,
        created_at=PUBLISHED,
        attempts=0,
        article=item or article(),
        why=why,
        also_in=also_in,
    )
