"""`poll --once` and `run --once` as cron runs them: console alerts shown, and an exit code that tells a round in
which no feed could be read (3) from one with nothing new (0)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.cli.common import NO_FEED_READ
from tests.conftest import REPO
from tests.feeds.support import Entry, FeedServer, Reply, rss
from tests.run.running import delivery_states

NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")
UNREACHABLE = "http://127.0.0.1:1/rss"  # nothing listens on port 1: connection refused, no HTTP answer


def _config(folder: Path, **feeds: str) -> Path:
    tables = "".join(f'\n[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in feeds.items())
    path = folder / "config.toml"
    path.write_text(
        f'[storage]\nurl = "sqlite:///pledgewatch.db"\n[watchlist]\npath = "{REPO / "watchlist.toml"}"\n'
        f"[search]\nenabled = false\n{tables}",
        encoding="utf-8",
    )
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_TELEGRAM_TOKEN"}  # console mode
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )


def test_poll_once_in_console_mode_prints_the_alerts_it_queues(tmp_path: Path, server: FeedServer) -> None:
    server.route("/rss", Reply(body=rss(NEWS)))
    result = _cli("poll", "--once", "--config", str(_config(tmp_path, ledger=server.url("/rss"))))
    assert result.returncode == 0, result.stderr
    assert "──── alert ────" in result.stdout and "ML-1 railway financing agreed" in result.stdout
    assert delivery_states(tmp_path / "pledgewatch.db") == {"sent": 1}


def test_poll_once_exits_3_when_no_feed_could_be_read(tmp_path: Path) -> None:
    result = _cli("poll", "--once", "--config", str(_config(tmp_path, a=UNREACHABLE, b=UNREACHABLE + "?b")))
    assert result.returncode == NO_FEED_READ == 3, result.stdout + result.stderr
    assert "no feed answered" in result.stdout


def test_poll_once_exits_0_when_some_feed_was_read(tmp_path: Path, server: FeedServer) -> None:
    server.route("/rss", Reply(body=rss(NEWS)))
    result = _cli("poll", "--once", "--config", str(_config(tmp_path, a=UNREACHABLE, b=server.url("/rss"))))
    assert result.returncode == 0, result.stdout + result.stderr


def test_run_once_exits_3_when_no_feed_could_be_read(tmp_path: Path) -> None:
    result = _cli("run", "--once", "--config", str(_config(tmp_path, a=UNREACHABLE)))
    assert result.returncode == NO_FEED_READ, result.stdout + result.stderr


def test_run_once_exits_0_after_a_round_with_nothing_new(tmp_path: Path, server: FeedServer) -> None:
    server.route("/rss", Reply(body=rss()))
    result = _cli("run", "--once", "--config", str(_config(tmp_path, a=server.url("/rss"))))
    assert result.returncode == 0, result.stdout + result.stderr
