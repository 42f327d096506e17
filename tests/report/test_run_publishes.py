"""`run` with `[report] html_dir`: the tracker site follows the news after each poll round."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.feeds.support import ConditionalFeed, Entry, FeedServer

ML1 = Entry(
    "ML-1 railway: Pakistan and China sign financing deal for the Karachi–Peshawar upgrade",
    guid="ml1",
    link="https://news.example/ml1",
    summary="The Main Line-1 project under CPEC will rebuild 1,700 km of track.",
)


def _workspace(tmp_path: Path, feed_url: str, html_dir: str) -> Path:
    shutil.copy(REPO / "watchlist.toml", tmp_path / "watchlist.toml")
    shutil.copytree(REPO / "communiques", tmp_path / "communiques")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[search]\nenabled = false\n[report]\nhtml_dir = "{html_dir}"\n'
        f'[[feeds]]\nname = "Loopback"\nurl = "{feed_url}"\n',
        encoding="utf-8",
    )
    return config


def _run_once(config: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", "run", "--once", "--config", str(config)]
    return subprocess.run(command, cwd=config.parent, capture_output=True, text=True, check=False)


def test_a_poll_round_writes_the_site_with_the_news_it_found(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    result = _run_once(_workspace(tmp_path, server.url("/news.xml"), "public"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "public"
    assert "tracker site:" in result.stderr and "pages rewritten" in result.stderr
    assert (site / "index.html").is_file()
    page = (site / "ml-1-railway.html").read_text(encoding="utf-8")
    assert '<a href="https://news.example/ml1">ML-1 railway: Pakistan and China sign financing deal' in page


def test_an_unwritable_site_folder_is_logged_and_the_round_goes_on(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    (tmp_path / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    result = _run_once(_workspace(tmp_path, server.url("/news.xml"), "blocked/site"))
    assert result.returncode == 0, result.stderr
    assert f"[report] html_dir {tmp_path / 'blocked' / 'site'}: cannot write the tracker site" in result.stderr
    assert "https://news.example/ml1" in result.stdout  # the alert was still printed
