"""A news feed that a test publishes items to, served by the feeds tests' real HTTP server.

It answers conditional requests like a well-behaved outlet (ETag, 304 when nothing changed) and
remembers what it answered, so a test can see the quiet rounds.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from tests.feeds.support import FeedServer, Reply, Seen


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    summary: str
    link: str


class PublishedFeed:
    def __init__(self, server: FeedServer, path: str = "/news.xml", title: str = "Loopback News") -> None:
        self.url = server.url(path)
        self.title = title
        self.statuses: list[int] = []
        self._items: list[tuple[Item, str]] = []
        self._lock = threading.Lock()
        server.route(path, self._answer)

    def publish(self, *items: Item) -> None:
        stamp = format_datetime(datetime.now(UTC), usegmt=True)
        with self._lock:
            self._items.extend((item, stamp) for item in items)

    def _answer(self, seen: Seen) -> Reply:
        with self._lock:
            body = self._rss().encode()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            status = 304 if seen.headers.get("if-none-match") == etag else 200
            self.statuses.append(status)
        headers = {"ETag": etag, "Content-Type": "application/rss+xml; charset=utf-8"}
        return Reply(status=status, body=b"" if status == 304 else body, headers=headers)

    def _rss(self) -> str:
        entries = "".join(
            f"<item><guid>{escape(i.guid)}</guid><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
            f"<description>{escape(i.summary)}</description><pubDate>{stamp}</pubDate></item>"
            for i, stamp in self._items
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(self.title)}</title><link>http://127.0.0.1/</link><description>test</description>"
            f"{entries}</channel></rss>"
        )
