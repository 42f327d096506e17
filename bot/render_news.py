"""News as commands show it: one line per article (date · outlet · linked title)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.html import bold, escape, link
from storage import MatchedArticle, StoredArticle


def day(moment: datetime | date) -> str:
    return f"{moment.day} {moment:%b %Y}"


def article_line(article: StoredArticle) -> str:
    parts = [day(article.published)]
    if article.outlet.strip():
        parts.append(escape(article.outlet.strip()))
    parts.append(link(article.link, article.title.strip() or "(untitled)"))
    return "• " + " · ".join(parts)


@dataclass(frozen=True, slots=True)
class LatestItem:
    """An article and every pledge it matched, so `/latest` shows it once."""

    article: StoredArticle
    commitment_ids: tuple[str, ...]


def group_by_article(matched: Sequence[MatchedArticle], limit: int) -> list[LatestItem]:
    items: dict[int, LatestItem] = {}
    for row in matched:
        item = items.get(row.article.id)
        ids = (*item.commitment_ids, row.commitment_id) if item else (row.commitment_id,)
        items[row.article.id] = LatestItem(row.article, ids)
    return list(items.values())[:limit]


def render_latest(items: Sequence[LatestItem], titles: dict[str, str]) -> str:
    if not items:
        return "No news has been matched to any pledge yet. Feeds are polled on a schedule; try again later."
    lines = [bold(f"Latest news ({len(items)})")]
    for item in items:
        lines.append(article_line(item.article))
        pledges = ", ".join(f"/status {c}" if c in titles else c for c in item.commitment_ids)
        lines.append(f"   <i>pledge: {escape(pledges)}</i>")
    return "\n".join(lines)


def render_search(words: str, found: Sequence[StoredArticle], limit: int) -> str:
    if not found:
        return f"No stored news contains {bold(words)}. Try fewer or other words."
    more = " (newest first; showing the first " + str(limit) + ")" if len(found) >= limit else ""
    lines = [f"News containing {bold(words)}{escape(more)}:"]
    lines.extend(article_line(article) for article in found)
    return "\n".join(lines)
