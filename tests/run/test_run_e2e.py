"""The main job end to end: a real feed server, the Telegram emulator, `pledgewatch run` as a process."""

from __future__ import annotations

import re
from pathlib import Path

from tests.feeds.support import ConditionalFeed, Entry, FeedServer
from tests.run.running import RunningApp, delivery_states, write_config
from tests.support.telegram.client import TelegramHarness
from tests.support.telegram.records import BotMessage
from tests.support.waiting import wait_until

ML1 = Entry(
    "ML-1 railway upgrade: Pakistan and China finalise financing for the Karachi–Peshawar line",
    guid="ml1-financing",
    link="https://news.example/ml1-financing",
    summary="The Main Line-1 project under CPEC will rebuild 1,700 km of track between Karachi and Peshawar.",
)
BRT = Entry(
    "Karachi Red Line bus rapid transit corridor opens to commuters",
    guid="karachi-brt",
    link="https://news.example/karachi-brt",
    summary="The Red Line BRT adds electric buses on University Road in Karachi, the Sindh transport minister said.",
)
GWADAR = Entry(
    "Gwadar port free zone welcomes new Chinese investors",
    guid="gwadar-free-zone",
    link="https://news.example/gwadar-free-zone",
    summary="Work on the second phase of the Gwadar Free Zone is speeding up, the port authority said.",
)
KCR = Entry(
    "Karachi Circular Railway revival: KCR framework agreement moves ahead under CPEC",
    guid="kcr-framework",
    link="https://news.example/kcr-framework",
    summary="Sindh and federal officials said the Karachi Circular Railway would be financed under CPEC.",
)
KHUNJERAB = Entry(
    "Khunjerab Pass reopens for trade with China after winter closure",
    guid="khunjerab-reopens",
    link="https://news.example/khunjerab-reopens",
    summary="Customs clearance resumed at the Khunjerab border port, the highest paved crossing between the countries.",
)


def _config(tmp_path: Path, telegram: TelegramHarness, feed_url: str) -> Path:
    feeds = f"""
[polling]
interval_seconds = 1
max_interval_seconds = 2

[[feeds]]
name = "Loopback News"
url = "{feed_url}"
"""
    return write_config(tmp_path, telegram, rest=feeds)


def links_of(*entries: Entry) -> list[str]:
    """The entries' links, sorted (every entry here has one)."""
    return sorted(entry.link or "" for entry in entries)


def _links(messages: list[BotMessage]) -> list[str]:
    """The article links in the bot's messages (other links, say to the communique, are not news)."""
    found = (link for message in messages for link in re.findall(r'href="([^"]+)"', message.text))
    return [link for link in found if link.startswith("https://news.example/")]


async def _outbox_settles(database: Path, expected: dict[str, int], timeout: float = 30) -> None:
    await wait_until(
        lambda: delivery_states(database) == expected, timeout, lambda: f"outbox is {delivery_states(database)}"
    )


async def test_subscriber_gets_exactly_the_pledge_alerts_once_across_a_crash(
    tmp_path: Path, telegram: TelegramHarness, server: FeedServer
) -> None:
    feed = ConditionalFeed()
    server.route("/news.xml", feed)
    config = _config(tmp_path, telegram, server.url("/news.xml"))
    database = tmp_path / "pledgewatch.db"
    alice = telegram.private_chat("Alice")

    with RunningApp(config, tmp_path / "first.log") as first:
        await telegram.bot_polling(timeout=30)
        await alice.ask("/start")
        await alice.ask("/subscribe all")
        await wait_until(lambda: feed.statuses, 30, lambda: "the feed was never polled")  # its backlog is no news
        feed.publish(ML1, BRT, GWADAR)
        alerts = await alice.replies(2, timeout=30)
        assert sorted(_links(alerts)) == links_of(ML1, GWADAR)
        await _outbox_settles(database, {"sent": 2})
        quiet_rounds_before = feed.statuses.count(304)
        await wait_until(lambda: feed.statuses.count(304) > quiet_rounds_before, 15, lambda: f"{feed.statuses}")

        telegram.proxy.start_outage()
        feed.publish(ML1, BRT, GWADAR, KCR, KHUNJERAB)
        await wait_until(
            lambda: delivery_states(database).get("pending", 0) == 2, 30, lambda: f"{delivery_states(database)}"
        )
        first.kill()
    telegram.proxy.end_outage()

    with RunningApp(config, tmp_path / "second.log") as second:
        late = await alice.replies(2, timeout=30)
        assert sorted(_links(late)) == links_of(KCR, KHUNJERAB)
        await _outbox_settles(database, {"sent": 4})
        assert second.stop() == 0

    every_link = _links(telegram.proxy.sent_messages(alice.chat_id))
    assert sorted(every_link) == links_of(ML1, GWADAR, KCR, KHUNJERAB)
    assert BRT.link not in every_link
    assert 304 in feed.statuses
    logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
    assert telegram.token not in logs
