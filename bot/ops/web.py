"""The small HTTP server of `pledgewatch run` (`[web] listen, port`): `/healthz`, `/metrics`, the tracker page.

Built on tornado, which python-telegram-bot's webhook mode already brings and which runs on the same
asyncio loop as everything else: no thread, no second event loop, no new dependency tree. Read-only by
construction: every route answers GET (and HEAD for files) and nothing else. The tracker page is served
from a directory of static files (`pledgewatch report --html DIR` writes it) by tornado's
`StaticFileHandler`, which refuses any path that resolves outside that directory (`../`, symlinks out).
"""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler, StaticFileHandler

from bot.ops.health import Probe

log = logging.getLogger(__name__)


class HealthHandler(RequestHandler):
    """`GET /healthz`: 200 with the JSON verdict while healthy, 503 with the same JSON when not."""

    def initialize(self, probe: Probe) -> None:
        self.probe = probe

    async def get(self) -> None:
        health = await self.probe.health()
        self.set_status(200 if health.healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(health.as_json()))


class MetricsHandler(RequestHandler):
    """`GET /metrics`: every metric, in the format the scraper's Accept header asks for."""

    def initialize(self, probe: Probe) -> None:
        self.probe = probe

    async def get(self) -> None:
        await self.probe.refresh_metrics()
        body, content_type = self.probe.metrics.exposition(self.request.headers.get("Accept", ""))
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "no-store")
        self.finish(body)


def web_application(probe: Probe, static_dir: Path | None = None) -> Application:
    """The routes; with `static_dir`, its files are served at `/` (`index.html` for a folder)."""
    routes: list[Any] = [
        (r"/healthz", HealthHandler, {"probe": probe}),
        (r"/metrics", MetricsHandler, {"probe": probe}),
    ]
    if static_dir is not None:
        routes.append((r"/(.*)", StaticFileHandler, {"path": str(static_dir), "default_filename": "index.html"}))
    return Application(routes, log_function=_log_request)


class WebServer:
    """The server's life: `start` binds (an `OSError` says why it cannot), `stop` lets requests finish."""

    def __init__(self, application: Application) -> None:
        self._server = HTTPServer(application)
        self._sockets: list[socket.socket] = []

    def start(self, listen: str, port: int) -> None:
        self._sockets = bind_sockets(port, listen)
        self._server.add_sockets(self._sockets)

    @property
    def port(self) -> int:
        """The port bound; the one asked for, or the one the system chose for port 0."""
        port: int = self._sockets[0].getsockname()[1]
        return port

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()


def _log_request(handler: RequestHandler) -> None:
    """One debug line per request: scrapers and health checks ask every few seconds."""
    request = handler.request
    log.debug("%s %s %d %.1f ms", request.method, request.uri, handler.get_status(), 1000.0 * request.request_time())
