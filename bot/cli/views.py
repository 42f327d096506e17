"""What `status`, `feeds` and `poll --once` print: rich tables for people, plain JSON for scripts.

A URL is one line, cut with an ellipsis when the terminal is too narrow for it: folded, it took six lines of every
row at 80 columns, and a folded URL cannot be copied anyway (`--json` has them whole). Other cells fold.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.markup import escape
from rich.table import Table

from feeds import PollReport
from storage import FeedRow
from tracker import PledgeStatus


def pledges_table(
    statuses: list[PledgeStatus], latest: dict[str, datetime], month: dict[str, int], now: datetime
) -> Table:
    """Titles are left to `pledgewatch watchlist list`: they would wrap every row over several lines."""
    table = Table(title=f"Pledges ({len(statuses)})")
    table.add_column("id", overflow="fold")  # an id is typed elsewhere: wrapped when narrow, never cut short
    for column in ("status", "latest news", "30 days", "deadline"):
        table.add_column(column)
    for pledge in statuses:
        commitment = pledge.commitment
        newest = latest.get(commitment.id)
        deadline = ""
        if commitment.deadline:
            passed = " (passed)" if commitment.deadline < now.date() else ""
            deadline = commitment.deadline.isoformat() + passed
        table.add_row(
            escape(commitment.id),
            pledge.assessment.status.label,
            newest.strftime("%Y-%m-%d") if newest else "—",
            str(month.get(commitment.id, 0)),
            deadline,
        )
    return table


def feeds_table(feeds: list[FeedRow]) -> Table:
    table = Table(title=f"Feeds ({len(feeds)})")
    table.add_column("name", overflow="fold")
    _add_url_column(table)
    for column in ("last success", "next check", "errors", "last error"):
        table.add_column(column, overflow="fold")
    for feed in feeds:
        state = feed.disabled_reason and f"disabled: {feed.disabled_reason}"
        table.add_row(
            escape(feed.name),
            escape(feed.url),
            _when(feed.last_success_at),
            escape(state or _when(feed.next_check_at)),
            str(feed.error_count),
            escape(feed.last_error or ""),
        )
    return table


def errors_table(report: PollReport) -> Table:
    table = Table(title="Feed errors")
    table.add_column("name", overflow="fold")
    _add_url_column(table)
    table.add_column("error", overflow="fold")
    for name, url, error in report.errors:
        table.add_row(escape(name), escape(url), escape(error))
    return table


def _add_url_column(table: Table) -> None:
    table.add_column("url", overflow="ellipsis")


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def pledges_json(
    statuses: list[PledgeStatus], latest: dict[str, datetime], month: dict[str, int], now: datetime
) -> list[dict[str, Any]]:
    return [
        {
            "id": pledge.commitment.id,
            "status": pledge.assessment.status.value,
            "latest_news": _iso(latest.get(pledge.commitment.id)),
            "matches_30_days": month.get(pledge.commitment.id, 0),
            "deadline": pledge.commitment.deadline.isoformat() if pledge.commitment.deadline else None,
            "deadline_passed": bool(pledge.commitment.deadline and pledge.commitment.deadline < now.date()),
        }
        for pledge in statuses
    ]


def feeds_json(feeds: list[FeedRow]) -> list[dict[str, Any]]:
    return [
        {
            "name": feed.name,
            "url": feed.url,
            "kind": feed.kind,
            "last_success_at": _iso(feed.last_success_at),
            "next_check_at": _iso(feed.next_check_at),
            "error_count": feed.error_count,
            "last_error": feed.last_error,
            "disabled": feed.disabled_reason,
        }
        for feed in feeds
    ]


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
