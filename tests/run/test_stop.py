"""Stopping `pledgewatch run` in the middle of a poll round, as an operator does (Ctrl-C, `docker stop`)."""

from __future__ import annotations

import signal
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.feeds.support import Entry, FeedServer, Reply, rss
from tests.run.running import RunningApp
from tests.support.waiting import wait_until
from tests.web.support import write_config

NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")
STOP_WITHIN_SECONDS = 2


def _requested(server: FeedServer, path: str) -> bool:
    return any(seen.path == path for seen in server.requests)


def _stored_articles(database: Path) -> int:
    """Articles in the app's SQLite file; 0 before the app has created it."""
    if not database.exists():
        return 0
    with sqlite3.connect(database) as connection:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return 0
        count: int = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return count


def _feed_states(database: Path) -> dict[str, tuple[datetime, str | None, int]]:
    """Each feed's next check (UTC), last check and error count, read straight from the app's SQLite file."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name, next_check_at, last_checked_at, error_count FROM feeds").fetchall()
    return {
        name: (datetime.fromisoformat(due).replace(tzinfo=UTC), checked, errors) for name, due, checked, errors in rows
    }


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
async def test_a_stop_during_a_stalled_fetch_is_prompt_keeps_the_news_and_gives_the_feed_back(
    tmp_path: Path, server: FeedServer, signum: signal.Signals
) -> None:
    server.route("/prompt.xml", Reply(body=rss(NEWS)))
    server.route("/stalled.xml", Reply(stall=True))
    feeds = {"Prompt": server.url("/prompt.xml"), "Stalled": server.url("/stalled.xml")}
    database = tmp_path / "pledgewatch.db"
    with RunningApp(write_config(tmp_path, feeds), tmp_path / "run.log") as app:
        await wait_until(lambda: _requested(server, "/stalled.xml") and _stored_articles(database), 30, app.output)
        assert app.stop(STOP_WITHIN_SECONDS, signum) == 0, app.output()
    output = app.output()
    assert "Traceback" not in output and "CancelledError" not in output, output
    assert "poll round: 1 feeds checked" in output and "1 given back, due again" in output, output
    due, last_checked, errors = _feed_states(database)["Stalled"]
    assert due <= datetime.now(UTC) and (last_checked, errors) == (None, 0)  # due again, no error of its own
    assert _stored_articles(database) == 1
