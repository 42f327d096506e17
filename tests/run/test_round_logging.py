"""What `run` logs about poll rounds: a round that checked feeds in one INFO line, an empty one at DEBUG, and a
spell in which no feed answers as one WARNING when it starts and one INFO when it ends, however long it lasts."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.alerts.helpers import FixedClock
from tests.feeds.support import ConditionalFeed, Entry, FeedServer, Reply, refused_port, rss
from tests.web.support import running_app, write_config

NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")
OFFLINE = "no feed answered: is this machine offline?"
ROUNDS = 3


def _unreachable(*names: str) -> dict[str, str]:
    return {name: f"http://127.0.0.1:{refused_port()}/rss" for name in names}


def _lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno == level]


def _rounds(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [line for line in _lines(caplog, level) if line.startswith("poll round:")]


@contextmanager
def _serving(port: int) -> Iterator[FeedServer]:
    server = FeedServer(port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def test_offline_rounds_are_one_line_each_and_the_feeds_are_named_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    feeds = _unreachable("Dawn", "Tribune", "Nation")
    async with running_app(write_config(tmp_path, feeds), FixedClock()) as app:
        caplog.set_level(logging.INFO)
        for _ in range(ROUNDS):
            await app.poll(every_feed=True)
    [warning] = _lines(caplog, logging.WARNING)
    assert warning.startswith(OFFLINE) and all(warning.count(name) == 1 for name in feeds), warning
    rounds = _rounds(caplog, logging.INFO)
    assert len(rounds) == ROUNDS and all(OFFLINE in line for line in rounds)
    assert len([record for record in caplog.records if record.levelno >= logging.INFO]) == ROUNDS + 1


async def test_offline_rounds_keep_each_feeds_error_at_debug(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    feeds = _unreachable("Dawn", "Tribune")
    async with running_app(write_config(tmp_path, feeds), FixedClock()) as app:
        caplog.set_level(logging.DEBUG, logger="pledgewatch")
        for _ in range(ROUNDS):
            await app.poll(every_feed=True)
    for name, url in feeds.items():
        errors = [line for line in _lines(caplog, logging.DEBUG) if line.startswith(f"feed {name} ({url}): ")]
        assert len(errors) == ROUNDS and "cannot connect" in errors[0], errors


async def test_a_lone_feed_failing_in_an_offline_spell_neither_ends_it_nor_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Feeds keep their own schedules offline, so many rounds hold one feed: its failure is the spell's story."""
    hourly = _unreachable("Tribune")["Tribune"]
    extra = f'[[feeds]]\nname = "Tribune"\nurl = "{hourly}"\ninterval_seconds = 3600\n'
    clock = FixedClock()
    async with running_app(write_config(tmp_path, _unreachable("Dawn"), extra=extra), clock) as app:
        await app.poll(every_feed=True)
        clock.advance(minutes=1)  # Dawn is due again, Tribune not
        caplog.set_level(logging.INFO)
        caplog.clear()
        await app.poll()
    assert [line.split(",")[0] for line in _lines(caplog, logging.INFO)] == ["poll round: 1 feeds checked"]
    assert _lines(caplog, logging.WARNING) == []


async def test_feeds_answering_again_is_one_info_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    port = refused_port()
    feeds = {"Dawn": f"http://127.0.0.1:{port}/rss", **_unreachable("Tribune")}
    async with running_app(write_config(tmp_path, feeds), FixedClock()) as app:
        await app.poll(every_feed=True)
        await app.poll(every_feed=True)
        with _serving(port) as dawn:
            dawn.route("/rss", Reply(body=rss(NEWS)))
            caplog.set_level(logging.INFO)
            caplog.clear()
            await app.poll(every_feed=True)
    [back] = [line for line in _lines(caplog, logging.INFO) if not line.startswith("poll round:")]
    assert back.startswith("feeds answer again after "), back
    [round_line] = _rounds(caplog, logging.INFO)
    assert round_line.startswith("poll round: 2 feeds checked") and OFFLINE not in round_line


async def test_a_feed_failing_while_others_answer_is_one_warning_with_its_url(
    tmp_path: Path, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/rss", Reply(body=rss(NEWS)))
    down = _unreachable("Tribune")
    async with running_app(write_config(tmp_path, {"Dawn": server.url("/rss"), **down}), FixedClock()) as app:
        caplog.set_level(logging.INFO)
        await app.poll(every_feed=True)
    [warning] = _lines(caplog, logging.WARNING)
    assert warning.startswith(f"feed Tribune ({down['Tribune']}): cannot connect"), warning


async def test_a_round_with_nothing_due_logs_at_debug_only(
    tmp_path: Path, server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/rss", ConditionalFeed(NEWS))
    async with running_app(write_config(tmp_path, {"Dawn": server.url("/rss")}), FixedClock()) as app:
        caplog.set_level(logging.DEBUG, logger="pledgewatch")
        await app.poll(every_feed=True)
        await app.poll()  # the clock has not moved: the feed is not due again
    assert [line.split(",")[0] for line in _rounds(caplog, logging.INFO)] == ["poll round: 1 feeds checked"]
    assert [line.split(",")[0] for line in _rounds(caplog, logging.DEBUG)] == ["poll round: 0 feeds checked"]
