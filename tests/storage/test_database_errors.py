"""A database that cannot be used is one line: which database (the file, or the URL without its password), what
is wrong, what to do. And the commands that only read work on a database this user cannot write."""

from __future__ import annotations

import asyncio
import json
import secrets
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage import Database, FeedSpec, StorageError, current_revision, sync_feeds, upgrade
from tests.conftest import REPO
from tests.support.read_only import run_read_only

NOW = datetime(2026, 11, 1, tzinfo=UTC)


async def _first_contact(url: str) -> None:
    database = Database.open(url)
    try:
        await current_revision(database)
    finally:
        await database.close()


def _absent_database(postgres_url: str) -> str:
    url = make_url(postgres_url).set(database=f"absent_{secrets.token_hex(4)}", password="s3cret")
    return url.render_as_string(hide_password=False)


async def test_a_postgresql_database_that_does_not_exist_is_one_line_without_the_password(postgres_url: str) -> None:
    url = _absent_database(postgres_url)
    with pytest.raises(StorageError) as caught:
        await _first_contact(url)
    message = str(caught.value)
    assert "\n" not in message and "s3cret" not in message
    assert message.startswith(make_url(url).render_as_string(hide_password=True))
    assert "does not exist: create it" in message


async def test_a_server_that_does_not_answer_is_named_with_what_to_check() -> None:
    with pytest.raises(StorageError, match=r"127\.0\.0\.1:1 \(connection refused\): is the database server running"):
        await _first_contact("postgresql://pledgewatch:s3cret@127.0.0.1:1/pledgewatch")


def test_a_sqlite_file_in_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"x\.db: the folder .*absent does not exist"):
        Database.open(f"sqlite:///{tmp_path / 'absent' / 'x.db'}")


def _cli(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args, "--config", str(folder / "config.toml")]


def test_the_cli_says_it_in_one_line(tmp_path: Path, postgres_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "{_absent_database(postgres_url)}"\n[watchlist]\npath = "{REPO / "watchlist.toml"}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(_cli(tmp_path, "feeds"), capture_output=True, text=True, check=False)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: postgresql://") and "does not exist" in line and "s3cret" not in line


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Path:
    """A folder with a config and a migrated SQLite database that knows one feed, to be made read-only."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "config.toml").write_text(
        f'[storage]\nurl = "sqlite:///pledgewatch.db"\n[watchlist]\npath = "{REPO / "watchlist.toml"}"\n'
        '[search]\nenabled = false\n[[feeds]]\nname = "Dawn"\nurl = "http://127.0.0.1:1/rss"\n',
        encoding="utf-8",
    )

    async def create() -> None:
        database = Database.open(f"sqlite:///{folder / 'pledgewatch.db'}")
        await upgrade(database)
        async with database.transaction() as connection:
            await sync_feeds(connection, [FeedSpec("Dawn", "http://127.0.0.1:1/rss")], kinds=["config"], now=NOW)
        await database.close()

    asyncio.run(create())
    return folder


def test_status_and_feeds_read_a_database_they_cannot_write(read_only_folder: Path) -> None:
    feeds = run_read_only(read_only_folder, _cli(read_only_folder, "feeds", "--json"))
    assert feeds.returncode == 0, feeds.stderr
    assert [feed["name"] for feed in json.loads(feeds.stdout)] == ["Dawn"]
    status = run_read_only(read_only_folder, _cli(read_only_folder, "status", "--json"))
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["pledges"]


def test_writing_to_a_read_only_database_names_its_file(read_only_folder: Path) -> None:
    result = run_read_only(read_only_folder, _cli(read_only_folder, "poll", "--once"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {read_only_folder / 'pledgewatch.db'}: ") and "cannot be written" in line
