"""`pledgewatch status` and `pledgewatch feeds`: tables that fit a terminal, and JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app
from tests.conftest import REPO
from tests.feeds.support import Entry, FeedServer, Reply, rss

NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")
LONG_PATH = "/feeds/rss/pakistan/business-and-economy/latest-news-of-the-week.xml"


def _run(*args: str, columns: int = 80) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(app, list(args))


@pytest.fixture
def polled(tmp_path: Path, server: FeedServer) -> Path:
    """A config whose one feed (with a long URL) has been polled once: the database knows it and its article."""
    server.route(LONG_PATH, Reply(body=rss(NEWS)))
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///pledgewatch.db"\n[watchlist]\npath = "{REPO / "watchlist.toml"}"\n'
        f'[search]\nenabled = false\n[[feeds]]\nname = "Ledger"\nurl = "{server.url(LONG_PATH)}"\n',
        encoding="utf-8",
    )
    assert _run("poll", "--once", "--config", str(config)).exit_code == 0
    return config


def test_a_long_url_stays_on_one_line_at_80_columns(polled: Path) -> None:
    result = _run("feeds", "--config", str(polled))
    assert result.exit_code == 0, result.output
    url_cells = [line.split("│")[2].strip() for line in result.stdout.splitlines() if line.startswith("│")]
    [url] = [cell for cell in url_cells if cell]
    assert url.startswith("http://") and url.endswith("…")  # cut, where folding took six lines


def test_feeds_json_lists_each_feed_with_its_whole_url(polled: Path, server: FeedServer) -> None:
    result = _run("feeds", "--json", "--config", str(polled))
    assert result.exit_code == 0, result.output
    [feed] = json.loads(result.stdout)
    assert feed["name"] == "Ledger" and feed["url"] == server.url(LONG_PATH)
    assert feed["error_count"] == 0 and feed["last_error"] is None and feed["last_success_at"]


def test_status_json_has_every_pledge_and_feed(polled: Path) -> None:
    result = _run("status", "--json", "--config", str(polled))
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    pledges = {pledge["id"]: pledge for pledge in status["pledges"]}
    assert pledges["ml-1-railway"]["matches_30_days"] == 1 and pledges["ml-1-railway"]["latest_news"]
    assert pledges["ml-1-railway"]["status"] != "no-news"
    assert [feed["name"] for feed in status["feeds"]] == ["Ledger"]
