"""Fixtures for the feeds tests: a scripted HTTP server on loopback."""

from collections.abc import Iterator

import pytest

from tests.feeds.support import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    feed_server = FeedServer()
    feed_server.start()
    yield feed_server
    feed_server.stop()
