"""The main job end to end: a real feed server, the Telegram emulator, `pledgewatch run` as a process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.feeds.support import FeedServer
from tests.run.publisher import Item, PublishedFeed
from tests.run.running import RunningApp, delivery_states
from tests.support.telegram.client import TelegramHarness
from tests.support.telegram.records import BotMessage
from tests.support.waiting import wait_until

ML1 = Item(
    "ml1-financing",
    "ML-1 railway upgrade: Pakistan and China finalise financing for the Karachi–Peshawar line",
    "The Main Line-1 project under CPEC will rebuild 1,700 km of track between Karachi and Peshawar.",
    "https://news.example/ml1-financing",
)
BRT = Item(
    "karachi-brt",
    "Karachi Red Line bus rapid transit corridor opens to commuters",
    "The Red Line BRT adds electric buses on University Road in Karachi, the Sindh transport minister said.",
    "https://news.example/karachi-brt",
)
GWADAR = Item(
    "gwadar-free-zone",
    "Gwadar port free zone welcomes new Chinese investors",
    "Work on the second phase of the Gwadar Free Zone is speeding up, the port authority said.",
    "https://news.example/gwadar-free-zone",
)
KCR = Item(
    "kcr-framework",
    "Karachi Circular Railway revival: KCR framework agreement moves ahead under CPEC",
    "Sindh and federal officials said the Karachi Circular Railway would be financed under CPEC.",
    "https://news.example/kcr-framework",
)
KHUNJERAB = Item(
    "khunjerab-reopens",
    "Khunjerab Pass reopens for trade with China after winter closure",
    "Customs clearance resumed at the Khunjerab border port, the highest paved crossing between the countries.",
    "https://news.example/khunjerab-reopens",
)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.start()
    yield server
    server.stop()


def _config(tmp_path: Path, telegram: TelegramHarness, feed: PublishedFeed) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[telegram]
token = "{telegram.token}"
api_base_url = "{telegram.api_base_url}"

[storage]
url = "sqlite:///pledgewatch.db"

[watchlist]
path = "{REPO / "watchlist.toml"}"

[polling]
interval_seconds = 1
max_interval_seconds = 2

[search]
enabled = false

[[feeds]]
name = "Loopback News"
url = "{feed.url}"
""",
        encoding="utf-8",
    )
    return path


def _links(messages: list[BotMessage]) -> list[str]:
    """The article links in the bot's messages (other links, say to the communique, are not news)."""
    found = (link for message in messages for link in re.findall(r'href="([^"]+)"', message.text))
    return [link for link in found if link.startswith("https://news.example/")]


async def _outbox_settles(database: Path, expected: dict[str, int], timeout: float = 30) -> None:
    await wait_until(
        lambda: delivery_states(database) == expected, timeout, lambda: f"outbox is {delivery_states(database)}"
    )


async def test_subscriber_gets_exactly_the_pledge_alerts_once_across_a_crash(
    tmp_path: Path, telegram: TelegramHarness, feed_server: FeedServer
) -> None:
    feed = PublishedFeed(feed_server)
    config = _config(tmp_path, telegram, feed)
    database = tmp_path / "pledgewatch.db"
    alice = telegram.private_chat("Alice")

    with RunningApp(config, tmp_path / "first.log") as first:
        await telegram.bot_polling(timeout=30)
        await alice.ask("/start")
        await alice.ask("/subscribe all")
        feed.publish(ML1, BRT, GWADAR)
        alerts = await alice.replies(2, timeout=30)
        assert sorted(_links(alerts)) == sorted([ML1.link, GWADAR.link])
        await _outbox_settles(database, {"sent": 2})
        quiet_rounds_before = feed.statuses.count(304)
        await wait_until(lambda: feed.statuses.count(304) > quiet_rounds_before, 15, lambda: f"{feed.statuses}")

        telegram.proxy.start_outage()
        feed.publish(KCR, KHUNJERAB)
        await wait_until(
            lambda: delivery_states(database).get("pending", 0) == 2, 30, lambda: f"{delivery_states(database)}"
        )
        first.kill()
    telegram.proxy.end_outage()

    with RunningApp(config, tmp_path / "second.log") as second:
        late = await alice.replies(2, timeout=30)
        assert sorted(_links(late)) == sorted([KCR.link, KHUNJERAB.link])
        await _outbox_settles(database, {"sent": 4})
        assert second.stop() == 0

    every_link = _links(telegram.proxy.sent_messages(alice.chat_id))
    assert sorted(every_link) == sorted([ML1.link, GWADAR.link, KCR.link, KHUNJERAB.link])
    assert BRT.link not in every_link
    assert 304 in feed.statuses
    logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
    assert telegram.token not in logs
