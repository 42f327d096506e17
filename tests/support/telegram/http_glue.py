"""The HTTP edge of the proxy: a threaded loopback server that hands Bot API calls to a router.

Kept apart from the Telegram logic so the proxy reads as "method → answer". Requests come
form-encoded (python-telegram-bot), as JSON, or as a query string; all become one dict of
parameters, with the fields the Bot API defines as JSON objects decoded.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
    }
)
_BOT_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")


@dataclass(frozen=True)
class ApiCall:
    token: str
    method: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    content_type: str = "application/json"


class DropConnection(Exception):
    """Raised by the router to close the connection without answering (a network failure)."""


class Router(Protocol):
    def handle(self, call: ApiCall) -> Answer: ...


def parse_params(body: bytes, content_type: str, query: str) -> dict[str, Any]:
    params: dict[str, Any] = dict(parse_qsl(query))
    if body and content_type.startswith("application/json"):
        params.update(json.loads(body))
    elif body:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    for name in JSON_FIELDS & params.keys():
        if isinstance(params[name], str):
            params[name] = json.loads(params[name])
    return params


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LoopbackServer

    def setup(self) -> None:
        """Disable Nagle: headers and body go out in two writes, which would stall keep-alive clients."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines contain the bot token."""

    def _serve(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        match = _BOT_PATH.match(url.path)
        if match is None:
            self._answer(Answer(404, {"ok": False, "error_code": 404, "description": "Not Found"}))
            return
        try:
            params = parse_params(body, self.headers.get("Content-Type", ""), url.query)
        except (ValueError, UnicodeDecodeError) as error:
            self._answer(Answer(400, {"ok": False, "error_code": 400, "description": f"Bad Request: {error}"}))
            return
        try:
            answer = self.server.router.handle(ApiCall(match["token"], match["method"], params))
        except DropConnection:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        except Exception as error:  # a bug or a dead emulator: answer like Telegram's own 500s, visibly
            description = f"Internal Server Error: test proxy failed on {match['method']}: {error!r}"
            answer = Answer(500, {"ok": False, "error_code": 500, "description": description})
        self._answer(answer)

    def _answer(self, answer: Answer) -> None:
        if isinstance(answer.body, bytes):  # exactly these bytes, e.g. an answer cut short
            payload = answer.body
        elif answer.content_type == "application/json":
            payload = json.dumps(answer.body).encode("utf-8")
        else:
            payload = str(answer.body).encode("utf-8")
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            self.close_connection = True  # the client went away during a long poll


class LoopbackServer(ThreadingHTTPServer):
    """One thread per connection, so a long poll never blocks another caller."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, router: Router) -> None:
        self.router = router
        super().__init__(("127.0.0.1", port), _Handler)


class EmulatorConnection:
    """POST JSON to the emulator over one keep-alive connection per server thread.

    http.client rather than httpx: the proxy's throughput is bound by the GIL, and the
    lighter client doubles the messages per second the alert benchmark can push.
    """

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        parts = urlsplit(url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._timeout = timeout
        self._local = threading.local()

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """The ``result`` of the emulator's JSON answer; retries once on a connection closed by the emulator."""
        payload = json.dumps(body or {}).encode("utf-8")
        for attempt in (1, 2):
            connection = self._connection()
            try:
                connection.request("POST", path, payload, {"Content-Type": "application/json"})
                response = connection.getresponse()
                data = response.read()
            except (ConnectionError, http.client.HTTPException):
                connection.close()
                self._local.connection = None
                if attempt == 2:
                    raise
                continue
            if response.status != 200:
                raise RuntimeError(f"telegram-test-api answered {response.status} to {path.split('/')[-1]}: {data!r}")
            return json.loads(data)["result"]
        raise AssertionError("unreachable")

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            self._local.connection = connection
        return connection
