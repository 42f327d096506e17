"""The running app's jobs in-process: hot reload, admin notices, and the CLI's `run --once` and `status`."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from telegram import Bot

from bot.alerts.dispatcher import Dispatcher
from bot.alerts.senders import CONSOLE_CHAT_ID, ConsoleSender, TelegramSender
from bot.app import Pledgewatch, open_services, sync_feed_sources
from bot.config import load_config
from feeds import FeedFetcher
from storage import ALL, ensure_chat, subscribe
from tests.conftest import REPO
from tests.feeds.support import ConditionalFeed, Entry, FeedServer, Reply, Responder, Seen
from tests.run.running import RunningApp
from tests.support.telegram.client import TelegramHarness
from tests.support.waiting import wait_until
from watchlist import set_field

ADMIN = 777
GWADAR_AIRPORT = Entry(
    "New Gwadar International Airport receives its first commercial flight",
    guid="gwadar-airport",
    link="https://news.example/gwadar-airport",
    summary="The China-funded airport in Balochistan opened to passengers.",
)
ML1 = Entry(
    "ML-1 railway: Pakistan and China sign financing deal for the Karachi–Peshawar upgrade",
    guid="ml1",
    link="https://news.example/ml1",
    summary="The Main Line-1 project under CPEC will rebuild 1,700 km of track.",
)


def _workspace(tmp_path: Path, feed_url: str) -> Path:
    """A config next to a copy of the shipped watchlist and communique, as an operator would lay them out."""
    shutil.copy(REPO / "watchlist.toml", tmp_path / "watchlist.toml")
    shutil.copytree(REPO / "communiques", tmp_path / "communiques")
    config = tmp_path / "config.toml"
    config.write_text(
        f"[telegram]\nadmins = [{ADMIN}]\n[search]\nenabled = false\n[polling]\ninterval_seconds = 1\n"
        f'[[feeds]]\nname = "Loopback"\nurl = "{feed_url}"\n',
        encoding="utf-8",
    )
    return config


@pytest.fixture
async def app(tmp_path: Path, server: FeedServer) -> AsyncIterator[Pledgewatch]:
    config = load_config(_workspace(tmp_path, server.url("/news.xml")))
    services = await open_services(config)
    await sync_feed_sources(services)
    try:
        async with FeedFetcher(config.polling.fetch_settings()) as fetcher:
            yield Pledgewatch(services, fetcher, Dispatcher(services, ConsoleSender(io.StringIO())))
    finally:
        await services.database.close()


def _matched(database: Path) -> dict[str, list[str]]:
    """Stored matches by the article's guid, read straight from the app's SQLite file."""
    query = "SELECT a.guid, m.commitment_id FROM matches m JOIN articles a ON a.id = m.article_id ORDER BY 1, 2"
    with sqlite3.connect(database) as connection:
        found: dict[str, list[str]] = {}
        for guid, commitment in connection.execute(query):
            found.setdefault(guid.rsplit("#", 1)[-1], []).append(commitment)
    return found


def _admin_notices(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT payload FROM notices WHERE chat_id = ? ORDER BY id", (ADMIN,)).fetchall()
    return [row[0] for row in rows]


async def test_an_edit_of_the_watchlist_takes_effect_at_the_next_tick(
    app: Pledgewatch, server: FeedServer, tmp_path: Path
) -> None:
    """Without the edit the airport story matches the Gwadar port pledge by its alias; the edit vetoes it."""
    feed = ConditionalFeed()
    server.route("/news.xml", feed)
    await app.poll()
    set_field(tmp_path / "watchlist.toml", "gwadar-port", "exclude", "airport")
    feed.publish(GWADAR_AIRPORT, ML1)
    await app.poll(every_feed=True)
    assert app.services.watchlist.get("gwadar-port").exclude == ("airport",)  # type: ignore[union-attr]
    assert _matched(tmp_path / "pledgewatch.db") == {"ml1": ["ml-1-railway"]}


async def test_console_mode_prints_its_own_alerts_and_keeps_telegram_chats_alerts_queued(
    app: Pledgewatch, server: FeedServer, tmp_path: Path
) -> None:
    """A chat that subscribed in an earlier run with a token must not lose its alerts to the console."""
    telegram_chat = 4242
    async with app.services.database.transaction() as connection:
        await ensure_chat(connection, telegram_chat, "private", "Alice", app.services.clock())
        await subscribe(connection, telegram_chat, ALL, "", app.services.clock())
    await app.dispatcher.setup(app.services.clock())
    server.route("/news.xml", ConditionalFeed(ML1))
    await app.poll(every_feed=True)
    await app.deliver()
    with sqlite3.connect(tmp_path / "pledgewatch.db") as connection:
        states = dict(connection.execute("SELECT chat_id, state FROM deliveries").fetchall())
    assert states == {CONSOLE_CHAT_ID: "sent", telegram_chat: "pending"}


async def test_a_broken_edit_keeps_the_old_pledges_and_tells_the_admins_where(
    app: Pledgewatch, server: FeedServer, tmp_path: Path
) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    watchlist = tmp_path / "watchlist.toml"
    before = app.services.watchlist
    watchlist.write_text(watchlist.read_text(encoding="utf-8") + "\n[[commitment]\n", encoding="utf-8")
    report = await app.poll()
    assert app.services.watchlist is before
    assert report.matches >= 1
    (notice,) = _admin_notices(tmp_path / "pledgewatch.db")
    assert "Watchlist edit rejected" in notice and "watchlist.toml:" in notice


async def test_a_feed_gone_410_is_disabled_and_told_to_the_admins_once(
    app: Pledgewatch, server: FeedServer, tmp_path: Path
) -> None:
    server.route("/news.xml", Reply(status=410, body=b"gone"))
    assert [name for name, _ in (await app.poll(every_feed=True)).gone] == ["Loopback"]
    await app.poll(every_feed=True)
    (notice,) = _admin_notices(tmp_path / "pledgewatch.db")
    assert "Feed gone" in notice and "Loopback" in notice


def _slowly(responder: Responder, seconds: float) -> Responder:
    """The feed as a distant outlet serves it: the answer takes `seconds`."""

    def answer(seen: Seen) -> Reply:
        time.sleep(seconds)
        return responder(seen)

    return answer


async def test_a_job_still_running_at_its_next_turn_is_not_a_warning(tmp_path: Path, server: FeedServer) -> None:
    """Poll ticks every second here while the feed takes 3: skipping those ticks is the design, not a problem."""
    server.route("/news.xml", _slowly(ConditionalFeed(ML1), 3))
    config = _workspace(tmp_path, server.url("/news.xml"))
    with RunningApp(config, tmp_path / "run.log") as app:
        await wait_until(lambda: "poll round:" in app.output(), 30, app.output)
        assert app.stop() == 0
    assert "WARNING" not in app.output()


async def test_a_telegram_outage_is_logged_per_attempt_not_at_every_tick(
    app: Pledgewatch, server: FeedServer, telegram: TelegramHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """The dispatcher backs off (2 s, then longer) after an outage; the ticks in between have nothing to say."""
    bot = Bot(
        telegram.token, base_url=f"{telegram.api_base_url}/bot", base_file_url=f"{telegram.api_base_url}/file/bot"
    )
    sender = TelegramSender(bot, owns_bot=True)
    pledgewatch = Pledgewatch(app.services, app.fetcher, Dispatcher(app.services, sender))
    async with app.services.database.transaction() as connection:
        await ensure_chat(connection, 4242, "private", "Alice", app.services.clock())
        await subscribe(connection, 4242, ALL, "", app.services.clock())
    server.route("/news.xml", ConditionalFeed(ML1))
    await pledgewatch.poll(every_feed=True)
    caplog.set_level("INFO", logger="pledgewatch")
    try:
        with telegram.proxy.outage():
            await pledgewatch.deliver()  # tries, fails, backs off
            await pledgewatch.deliver()  # within the back-off: sends nothing, tries nothing
    finally:
        await sender.aclose()
    dispatch_lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("dispatch:")]
    assert dispatch_lines == ["dispatch: 0 messages sent, 1 retried, 0 failed (Telegram unreachable, backing off)"]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_run_once_in_console_mode_prints_each_alert_once(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    config = _workspace(tmp_path, server.url("/news.xml"))
    first = _cli("run", "--once", "--config", str(config), cwd=tmp_path)
    again = _cli("run", "--once", "--config", str(config), cwd=tmp_path)
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert "console mode" in first.stderr
    assert first.stdout.count("https://news.example/ml1") == 1
    assert "Main Line-1 (ML-1) railway (ml-1-railway)" in first.stdout
    assert again.stdout == ""
    assert "poll round: 1 feeds checked" in first.stderr


def test_log_level_debug_also_shows_what_the_libraries_log(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    config = _workspace(tmp_path, server.url("/news.xml"))
    result = _cli("run", "--once", "--log-level", "DEBUG", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"feeds.fetch: HTTP Request: GET {server.url('/news.xml')}" in result.stderr
    assert "DEBUG aiosqlite:" in result.stderr


def test_status_shows_the_news_per_pledge_and_the_feed_health(tmp_path: Path, server: FeedServer) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    config = _workspace(tmp_path, server.url("/news.xml"))
    assert _cli("run", "--once", "--config", str(config), cwd=tmp_path).returncode == 0
    status = _cli("status", "--config", str(config), cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    ml1_row = next(line for line in status.stdout.splitlines() if "ml-1-railway" in line)
    assert "│ 1 " in ml1_row  # one article in the last 30 days
    assert "Loopback" in status.stdout


def test_run_with_a_broken_watchlist_says_where_and_exits_non_zero(tmp_path: Path) -> None:
    config = _workspace(tmp_path, "http://127.0.0.1:9/feed")
    (tmp_path / "watchlist.toml").write_text('[[commitment]]\nid = "x"\ndeadline = "soon"\n', encoding="utf-8")
    result = _cli("run", "--once", "--config", str(config), cwd=tmp_path)
    assert result.returncode != 0
    assert "watchlist.toml:" in result.stderr and "Traceback" not in result.stderr


class _RejectingBotApi(BaseHTTPRequestHandler):
    """A Bot API server that refuses every token, as Telegram does for a revoked one."""

    def do_POST(self) -> None:
        body = json.dumps({"ok": False, "error_code": 401, "description": "Unauthorized"}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def rejecting_bot_api() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RejectingBotApi)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_rejected_token_is_reported_without_revealing_it(tmp_path: Path, rejecting_bot_api: str) -> None:
    token = "123456789:AAE-secret-token-that-must-never-be-printed"
    config = _workspace(tmp_path, "http://127.0.0.1:9/feed")
    with config.open("a", encoding="utf-8") as extra:
        extra.write(f'\n[telegram]\ntoken = "{token}"\napi_base_url = "{rejecting_bot_api}"\n')
    config.write_text(config.read_text(encoding="utf-8").replace(f"[telegram]\nadmins = [{ADMIN}]\n", ""))
    result = _cli("run", "--config", str(config), "--log-level", "DEBUG", cwd=tmp_path)
    assert result.returncode == 2
    assert "Telegram refused to start the bot" in result.stderr and "rejected" in result.stderr
    assert f"{rejecting_bot_api}/bot<token>/getMe answered 401 Unauthorized" in result.stderr
    assert "check [telegram] token" in result.stderr
    assert token not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
