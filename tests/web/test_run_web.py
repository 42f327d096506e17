"""`pledgewatch run` with `[web]` set, as an operator starts it: the server comes and goes with the process."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.feeds.support import ConditionalFeed, Entry, FeedServer
from tests.run.running import RunningApp
from tests.support.waiting import wait_until
from tests.web.support import write_config

NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")
LISTENING = re.compile(r"web server on http://127\.0\.0\.1:(\d+) ")


def _alive(app: RunningApp) -> bool:
    assert app.process is not None
    if app.process.poll() is not None:
        raise AssertionError(f"pledgewatch run exited:\n{app.output()[-3000:]}")
    return True


def _get(url: str) -> httpx.Response | None:
    try:
        return httpx.get(url, timeout=5)
    except httpx.TransportError:
        return None


async def test_run_serves_health_and_metrics_until_it_stops(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", ConditionalFeed(NEWS))
    config = write_config(tmp_path, {"Loopback": server.url("/news.xml")}, extra="\n[web]\nport = 0\n")
    with RunningApp(config, tmp_path / "run.log") as app:
        found = await wait_until(lambda: LISTENING.search(app.output()) if _alive(app) else None, 60, app.output)
        base = f"http://127.0.0.1:{found[1]}"

        def polled() -> httpx.Response | None:
            response = _get(f"{base}/healthz")
            return response if response is not None and response.json()["last_poll_round"] else None

        health = await wait_until(polled, 60, app.output)
        metrics = _get(f"{base}/metrics")
        assert app.stop() == 0
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert metrics is not None and "pledgewatch_feeds_checked_total" in metrics.text
    assert "pledgewatch_articles_stored_total 1.0" in metrics.text
    assert _get(f"{base}/healthz") is None  # stopped with the process
    assert "Traceback" not in app.output()


async def test_run_serves_the_tracker_site_it_publishes(tmp_path: Path, server: FeedServer) -> None:
    """`[report] html_dir` is written after each poll round, and `[web]` serves it read-only at `/`."""
    server.route("/news.xml", ConditionalFeed(NEWS))
    extra = '\n[web]\nport = 0\n\n[report]\nhtml_dir = "site"\n'
    config = write_config(tmp_path, {"Loopback": server.url("/news.xml")}, extra=extra)
    with RunningApp(config, tmp_path / "run.log") as app:
        found = await wait_until(lambda: LISTENING.search(app.output()) if _alive(app) else None, 60, app.output)
        base = f"http://127.0.0.1:{found[1]}"

        def published() -> httpx.Response | None:
            response = _get(f"{base}/")
            return response if response is not None and response.status_code == 200 else None

        index = await wait_until(published, 60, app.output)
        assert app.stop() == 0
    assert index.text == (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert index.headers["content-type"].startswith("text/html")


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_a_port_already_taken_stops_the_start_in_one_line(tmp_path: Path, taken_port: int) -> None:
    config = write_config(tmp_path, {}, extra=f"\n[web]\nport = {taken_port}\n")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"error: [web] listen/port 127.0.0.1:{taken_port}: cannot listen: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr
