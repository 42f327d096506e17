"""The CLI shows stored and user-written text as it is: square brackets are text, not rich markup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.feeds.support import FeedServer, Reply


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250"}  # wide enough that no table cell is folded
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_watchlist_check_prints_toml_table_names_as_written(tmp_path: Path) -> None:
    watchlist = tmp_path / "watchlist.toml"
    watchlist.write_text('[[commitment]]\nid = "x"\ntitle = "T"\nquote = "q"\n', encoding="utf-8")
    result = _cli("watchlist", "check", str(watchlist), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no [source]: quotes cannot be checked" in result.stderr


def test_feeds_and_poll_show_a_feed_name_with_brackets(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", Reply(status=404, body=b"gone for now"))
    shutil.copy(REPO / "watchlist.toml", tmp_path / "watchlist.toml")
    shutil.copytree(REPO / "communiques", tmp_path / "communiques")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[search]\nenabled = false\n[[feeds]]\nname = "Dawn [en]"\nurl = "{server.url("/news.xml")}"\n',
        encoding="utf-8",
    )
    poll = _cli("poll", "--once", "--config", str(config), cwd=tmp_path)
    feeds = _cli("feeds", "--config", str(config), cwd=tmp_path)
    assert poll.returncode == 3 and feeds.returncode == 0, poll.stderr + feeds.stderr  # 3: no feed could be read
    assert "Dawn [en]" in poll.stdout  # the table of feed errors
    assert "Dawn [en]" in feeds.stdout
