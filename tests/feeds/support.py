"""A real HTTP server on 127.0.0.1 whose responses each test scripts, and the feed files tests serve."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "feeds"


@dataclass
class Reply:
    """What the server answers; ``stall`` holds the response until the test ends (to provoke timeouts)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False
    send_length: bool = True


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]


Responder = Callable[[Seen], Reply]


def _always(reply: Reply) -> Responder:
    return lambda _seen: reply


class FeedServer:
    """Routes are set per test; every request is recorded so tests can check what the fetcher sent.

    ``port`` 0 is any free port; a port of `refused_port` brings up a server where there was none.
    """

    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Responder] = {}
        self.requests: list[Seen] = []
        self.released = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def route(self, path: str, reply: Reply | Responder) -> None:
        self.routes[path] = reply if callable(reply) else _always(reply)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.released.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen = Seen(self.path, {key.lower(): value for key, value in self.headers.items()})
                server.requests.append(seen)
                responder = server.routes.get(self.path.split("?")[0])
                reply = responder(seen) if responder else Reply(status=404, body=b"no such route")
                if reply.stall:
                    server.released.wait(timeout=30)
                    return
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.send_length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler


def refused_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (bound, then closed): a connection there is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def feed_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


@dataclass(frozen=True)
class Entry:
    """One RSS item a test publishes (all text is the test's own)."""

    title: str
    guid: str | None = None
    link: str | None = None
    summary: str = ""
    published: str | None = None


def rss(*entries: Entry, title: str = "Loopback Ledger") -> bytes:
    """A small RSS 2.0 document with the given items."""
    items = "".join(_item(entry) for entry in entries)
    channel = f"<channel><title>{escape(title)}</title>{items}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


def _item(entry: Entry) -> str:
    parts = [f"<title>{escape(entry.title)}</title>", f"<description>{escape(entry.summary)}</description>"]
    if entry.guid:
        parts.append(f'<guid isPermaLink="false">{escape(entry.guid)}</guid>')
    if entry.link:
        parts.append(f"<link>{escape(entry.link)}</link>")
    if entry.published:
        parts.append(f"<pubDate>{entry.published}</pubDate>")
    return f"<item>{''.join(parts)}</item>"


class ConditionalFeed:
    """A feed that answers 304 when the client already has the current version (by ETag).

    `publish` may run while the server thread answers: version and body change together, and
    every answer's status is kept in `statuses` so a test can see its quiet rounds.
    """

    def __init__(self, *entries: Entry) -> None:
        self._current = (0, b"")
        self.statuses: list[int] = []
        self.publish(*entries)

    def publish(self, *entries: Entry) -> None:
        """Replace the feed's items (a real feed shows its latest N, old ones included)."""
        self._current = (self._current[0] + 1, rss(*entries))

    @property
    def etag(self) -> str:
        return f'"v{self._current[0]}"'

    def __call__(self, seen: Seen) -> Reply:
        version, body = self._current
        etag = f'"v{version}"'
        if seen.headers.get("if-none-match") == etag:
            self.statuses.append(304)
            return Reply(status=304, headers={"ETag": etag})
        self.statuses.append(200)
        return Reply(body=body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})
