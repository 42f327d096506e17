"""The tracker page folder served at `/`: its files, read-only, and nothing outside it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import health_probe, serving_web
from bot.config import WebSettings
from tests.alerts.helpers import FixedClock
from tests.web.support import running_app, write_config

SECRET = "123456:token-in-a-file-beside-the-site"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder as `report --html` writes it, with a secret file next to it and a symlink pointing out."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<h1>Pledge tracker</h1>", encoding="utf-8")
    (folder / "ml-1-railway.html").write_text("<h1>ML-1</h1>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "escape.txt").symlink_to(tmp_path / "secret.txt")
    return folder


@asynccontextmanager
async def serving(tmp_path: Path, static_dir: Path | None) -> AsyncIterator[int]:
    config = write_config(tmp_path, {})
    async with (
        running_app(config, FixedClock(datetime.now(UTC))) as app,
        serving_web(WebSettings(port=0), health_probe(app), static_dir) as server,
    ):
        assert server is not None
        yield server.port


async def raw_request(port: int, method: str, target: str) -> tuple[int, str]:
    """One request sent byte for byte (an HTTP client would tidy `..` away before sending it)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    response = (await reader.read()).decode("utf-8", errors="replace")
    writer.close()
    status = int(response.split(" ", 2)[1])
    return status, response.partition("\r\n\r\n")[2]


async def test_the_folder_index_and_pages_are_served(tmp_path: Path, site: Path) -> None:
    async with serving(tmp_path, site) as port:
        index = await raw_request(port, "GET", "/")
        page = await raw_request(port, "GET", "/ml-1-railway.html")
        missing = await raw_request(port, "GET", "/no-such-pledge.html")
        health = await raw_request(port, "GET", "/healthz")
    assert index == (200, "<h1>Pledge tracker</h1>")
    assert page == (200, "<h1>ML-1</h1>")
    assert missing[0] == 404
    assert health[0] == 200  # the page does not shadow the endpoints


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/site/../../secret.txt",
        "/escape.txt",
        f"/{'/'.join(['..'] * 8)}/etc/passwd",
    ],
)
async def test_nothing_outside_the_folder_is_served(tmp_path: Path, site: Path, target: str) -> None:
    async with serving(tmp_path, site) as port:
        status, body = await raw_request(port, "GET", target)
    assert status in (400, 403, 404)
    assert SECRET not in body and "root:" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
async def test_the_server_is_read_only(tmp_path: Path, site: Path, method: str) -> None:
    async with serving(tmp_path, site) as port:
        for target in ("/", "/index.html", "/healthz", "/metrics"):
            status, _ = await raw_request(port, method, target)
            assert status == 405, target
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>Pledge tracker</h1>"


async def test_without_a_folder_only_the_endpoints_answer(tmp_path: Path) -> None:
    async with serving(tmp_path, None) as port:
        root = await raw_request(port, "GET", "/")
        metrics = await raw_request(port, "GET", "/metrics")
    assert root[0] == 404
    assert metrics[0] == 200
