"""What administrators see: feed health, whole-database counts, watchlist edits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.html import bold, escape
from storage import FeedRow, Totals

_ERROR_PREVIEW = 200


def ago(moment: datetime | None, now: datetime) -> str:
    """ "5 min ago", "in 3 h", "never" — feeds are read at a glance."""
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    amount = abs(seconds)
    if amount < 90:
        text = f"{int(amount)} s"
    elif amount < 3600:
        text = f"{round(amount / 60)} min"
    elif amount < 36 * 3600:
        text = f"{round(amount / 3600)} h"
    else:
        text = f"{round(amount / 86400)} d"
    return f"{text} ago" if seconds >= 0 else f"in {text}"


def _feed_state(feed: FeedRow) -> str:
    if feed.disabled_reason:
        return "⛔ disabled"
    if feed.error_count:
        return f"⚠️ {feed.error_count} error{'s' if feed.error_count != 1 else ''} in a row"
    return "✅ ok" if feed.last_success_at else "… not checked yet"


def feed_lines(feed: FeedRow, now: datetime) -> list[str]:
    lines = [
        f"{bold(feed.name)} ({escape(feed.kind)}) — {_feed_state(feed)}",
        f"   last success {ago(feed.last_success_at, now)} · next check {ago(feed.next_check_at, now)}",
    ]
    if feed.disabled_reason:
        lines.append(f"   disabled: {escape(feed.disabled_reason)}")
    elif feed.last_error:
        error = " ".join(feed.last_error.split())[:_ERROR_PREVIEW]
        lines.append(f"   last error ({ago(feed.last_error_at, now)}): {escape(error)}")
    return lines


def render_feeds(feeds: Sequence[FeedRow], now: datetime) -> str:
    if not feeds:
        return "No feeds yet: they are added from the config and the watchlist when `pledgewatch run` starts."
    failing = sum(1 for f in feeds if f.error_count and not f.disabled_reason)
    disabled = sum(1 for f in feeds if f.disabled_reason)
    lines = [bold(f"Feeds ({len(feeds)}: {failing} failing, {disabled} disabled)")]
    for feed in feeds:
        lines.extend(feed_lines(feed, now))
    return "\n".join(lines)


def render_stats(pledges: int, totals: Totals) -> str:
    return "\n".join(
        [
            bold("pledgewatch"),
            f"Pledges watched: {pledges}",
            f"Articles stored: {totals.articles} ({totals.matched_articles} matched to a pledge)",
            f"Matches: {totals.matches}",
            f"Chats: {totals.active_chats} active of {totals.chats}",
            f"Subscriptions: {totals.subscriptions}",
            f"Pending: {totals.pending_deliveries} alerts, {totals.pending_notices} notices",
        ]
    )


def render_refusal(command: str) -> str:
    return f"Sorry, /{escape(command)} is only for this bot's administrators."


def render_watch_done(action: str, commitment_id: str, detail: str = "") -> str:
    extra = f" ({escape(detail)})" if detail else ""
    return (
        f"Watchlist: {escape(action)} <code>{escape(commitment_id)}</code>{extra}. "
        "Saved with its comments kept; the running bot takes it in at its next poll tick."
    )


def render_watch_error(message: str) -> str:
    return f"The watchlist was not changed: {escape(message)}"


def render_linked(article_title: str, pledge_title: str) -> str:
    return (
        f"Linked “{escape(article_title)}” to {bold(pledge_title)}: it shows on the pledge's card and page, "
        "and the matcher learns from it."
    )
