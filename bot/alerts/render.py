"""What subscribers read: an alert, a daily digest, a deadline notice — Telegram HTML, feed text escaped.

Every line opens and closes its own tags, so `split_message` may cut between any two lines and
each part is still valid markup. Feed text is untrusted: it goes through `escape`/`link` only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.html import MAX_MESSAGE_UNITS, bold, escape, italic, link, split_message, utf16_units
from bot.render_news import day
from storage import DueDelivery, MatchedArticle, StoredArticle

SUMMARY_CHARS = 280
"""About two lines on a phone: enough to judge the article, short enough to keep alerts scannable."""
DEADLINE_NEWS_SHOWN = 5


def one_line(text: str) -> str:
    """Feed titles may hold newlines; a line break inside a tag would let `split_message` cut it open."""
    return re.sub(r"\s+", " ", text).strip()


def pledge_heading(commitment_id: str, title: str | None) -> str:
    """`<b>Title</b> (id)`; a pledge since removed from the watchlist shows its id alone."""
    if not title:
        return f"📌 {bold(one_line(commitment_id))}"
    return f"📌 {bold(one_line(title))} ({escape(one_line(commitment_id))})"


def short_summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Whitespace collapsed and cut at a word boundary with an ellipsis (plain text, not yet escaped)."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def _title(article: StoredArticle) -> str:
    """The title linked to the article (a link only for http(s) URLs)."""
    return link(article.link, one_line(article.title) or "(untitled)")


def _source(article: StoredArticle) -> str:
    return " · ".join(part for part in (escape(one_line(article.outlet)), day(article.published)) if part)


def article_line(article: StoredArticle, bullet: str = "") -> str:
    """One line per article in lists: linked title, then outlet and date."""
    return f"{bullet}{_title(article)} — {_source(article)}"


def render_alert(delivery: DueDelivery, pledge_title: str | None, status_change: str | None = None) -> str:
    """One article about one pledge: heading, the status change it made if any ("ML-1: talk only → in
    progress"), linked title, outlet and date, summary, why, also in."""
    article = delivery.article
    lines = [pledge_heading(delivery.commitment_id, pledge_title)]
    if status_change:
        lines.append(f"🔄 {bold('Status: ' + one_line(status_change))}")
    lines += [_title(article), _source(article)]
    summary = short_summary(article.summary)
    if summary:
        lines.append(escape(summary))
    if delivery.why:
        lines.append(italic("Matched on: " + one_line(", ".join(delivery.why))))
    if delivery.also_in:
        lines.append("Also in: " + escape(one_line(", ".join(delivery.also_in))))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class DigestMessage:
    """One message of a digest and the deliveries it completes (marked sent once it is delivered)."""

    markup: str
    delivery_ids: tuple[int, ...]


def render_digest(
    deliveries: Sequence[DueDelivery], pledge_titles: Mapping[str, str], limit: int = MAX_MESSAGE_UNITS
) -> list[DigestMessage]:
    """The day's alerts grouped by pledge (pledges in order of their oldest alert), packed into messages.

    A pledge's block never straddles two messages unless it alone is too long; its deliveries
    belong to the message that ends the block, so a crash mid-digest repeats nothing already marked.
    """
    groups: dict[str, list[DueDelivery]] = {}
    for delivery in deliveries:
        groups.setdefault(delivery.commitment_id, []).append(delivery)
    pledges = "pledge" if len(groups) == 1 else "pledges"
    alerts = "article" if len(deliveries) == 1 else "articles"
    header = f"📰 {bold('Daily digest')}: {len(deliveries)} {alerts} on {len(groups)} {pledges}"
    messages: list[DigestMessage] = []
    current, ids = header, list[int]()
    for commitment_id, items in groups.items():
        block = "\n".join(
            [pledge_heading(commitment_id, pledge_titles.get(commitment_id))]
            + [article_line(item.article, "• ") for item in items]
        )
        block_ids = [item.id for item in items]
        candidate = f"{current}\n\n{block}"
        if utf16_units(candidate) <= limit:
            current, ids = candidate, ids + block_ids
            continue
        if ids:  # flush what is packed so far; the header alone is never a message
            messages.append(DigestMessage(current, tuple(ids)))
            candidate = block
        *head, tail = split_message(candidate, limit)
        messages.extend(DigestMessage(part, ()) for part in head)
        current, ids = tail, block_ids
    messages.append(DigestMessage(current, tuple(ids)))
    return messages


def render_deadline(commitment_id: str, title: str, deadline: date, news: Sequence[MatchedArticle], total: int) -> str:
    """The pledge whose deadline passed, and the newest news found up to then (or that there was none)."""
    lines = [
        f"⏰ {bold('Deadline passed')}",
        pledge_heading(commitment_id, title),
        f"The deadline was {day(deadline)}.",
    ]
    if total == 0:
        lines.append("No news about this pledge was found up to the deadline.")
    else:
        shown = f", the latest {len(news)}" if total > len(news) else ""
        articles = "article" if total == 1 else "articles"
        lines.append(f"News found up to then: {total} {articles}{shown}:")
        lines.extend(article_line(item.article, "• ") for item in news)
    return "\n".join(lines)
