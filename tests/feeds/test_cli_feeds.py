"""`pledgewatch poll --once` and `pledgewatch feeds` run in-process against a loopback feed and SQLite."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner, Result

from bot.cli.feeds import feeds_command, poll_command
from tests.conftest import REPO
from tests.feeds.support import Entry, FeedServer, Reply, rss

app = typer.Typer()
app.command("poll")(poll_command)
app.command("feeds")(feeds_command)

NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")


def _config(tmp_path: Path, **feeds: str) -> Path:
    tables = "".join(f'\n[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in feeds.items())
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\nurl = "sqlite:///pledgewatch.db"\n\n[watchlist]\npath = "{REPO / "watchlist.toml"}"\n'
        f"\n[search]\nenabled = false\n{tables}",
        encoding="utf-8",
    )
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_poll_once_stores_and_summarises(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed", Reply(body=rss(NEWS)))
    result = _run("poll", "--once", "--config", str(_config(tmp_path, ledger=server.url("/feed"))))
    assert result.exit_code == 0, result.output
    assert "1 feeds checked, 0 not modified, 1 new articles" in result.output


def test_poll_once_with_every_feed_failing_exits_3_and_shows_the_error(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed", Reply(status=500))
    result = _run("poll", "--once", "--config", str(_config(tmp_path, ledger=server.url("/feed"))))
    assert result.exit_code == 3, result.output
    assert "HTTP 500 Internal Server Error" in result.output


def test_poll_of_one_feed_by_name(tmp_path: Path, server: FeedServer) -> None:
    server.route("/a", Reply(body=rss(NEWS)))
    server.route("/b", Reply(body=rss(NEWS)))
    config = _config(tmp_path, a=server.url("/a"), b=server.url("/b"))
    result = _run("poll", "--once", "--feed", "b", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert [seen.path for seen in server.requests] == ["/b"]


def test_poll_of_an_unknown_feed_names_the_known_ones(tmp_path: Path, server: FeedServer) -> None:
    result = _run("poll", "--once", "--feed", "nope", "--config", str(_config(tmp_path, a=server.url("/a"))))
    assert result.exit_code == 2
    assert "no feed named 'nope' (feeds: a)" in result.output


def test_poll_without_once_prints_the_usage(tmp_path: Path) -> None:
    result = _run("poll", "--config", str(_config(tmp_path)))
    assert result.exit_code == 2
    assert "usage: pledgewatch poll --once" in result.output


def test_feeds_lists_name_url_and_last_error(tmp_path: Path, server: FeedServer) -> None:
    server.route("/feed", Reply(status=404))
    config = str(_config(tmp_path, ledger=server.url("/feed")))
    _run("poll", "--once", "--config", config)
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["feeds", "--config", config])
    assert result.exit_code == 0, result.output
    assert "ledger" in result.output and server.url("/feed") in result.output
    assert "HTTP 404 Not Found" in result.output
