"""What every CLI command shares: loading the config, failing in one line, opening the database, running async work.

This module and every command module import only what declaring the commands needs (typer, the standard
library): the config, storage, feeds and matcher packages are imported inside the bodies that use them, so
`pledgewatch --help` and a mistyped command answer at once instead of after 2 s of imports.
"""

from __future__ import annotations

import json
from collections.abc import Coroutine, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from bot.config import Config
    from feeds import PollReport
    from storage import Database

T = TypeVar("T")

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Config file (default: ./config.toml, else config.example.toml's defaults)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables, for scripts.")]


def read_jsonl(lines: Iterable[str], name: str, error: type[ValueError]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; `error` naming the file and line for anything else."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as bad:
            reason = bad.msg.removesuffix(" at")  # "Invalid control character at" names no place itself
            raise error(f"{name}:{number}: not valid JSON ({reason} at column {bad.colno})") from None
        if not isinstance(value, dict):
            raise error(f"{name}:{number}: expected a JSON object, got {type(value).__name__}")
        yield number, value


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one clear line on standard error and exit; the CLI never shows a traceback for user errors."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load_or_fail(path: Path | None) -> Config:
    """The validated config, or one line naming the file, key and reason.

    Its warnings are not printed here: they concern `run`, which prints them (as `config check` does), and
    repeating them before every `status` or `watchlist list` taught people to ignore them.
    """
    from bot.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        fail(str(exc))


def print_warnings(config: Config) -> None:
    for warning in config.warnings:
        typer.echo(f"warning: {warning}", err=True)


def run_async(coroutine: Coroutine[Any, Any, T], config: Config) -> T:
    """Run a coroutine that uses `config`'s database, turning a database failure into one line naming it."""
    import asyncio

    from sqlalchemy.exc import SQLAlchemyError

    from storage import StorageError, describe_failure

    try:
        return asyncio.run(coroutine)
    except StorageError as exc:
        fail(str(exc))
    except (OSError, SQLAlchemyError) as exc:
        fail(describe_failure(config.storage.url, exc))


async def open_database(config: Config) -> Database:
    """Open and migrate the configured database: every command that writes data starts here."""
    from storage import Database, upgrade

    database = Database.open(config.storage.url)
    await upgrade(database)
    return database


async def open_for_reading(config: Config) -> Database:
    """The configured database for a command that only reads it (`status`, `feeds`, `feedback export`, `report`).

    Opened read-only, so it works on a file this user cannot write (a backup, a read-only mount, another
    user's database); only a database that is missing or older than this pledgewatch is opened for writing,
    to be created or migrated as before.
    """
    from storage import open_read_only

    return await open_read_only(config.storage.url) or await open_database(config)


NO_FEED_READ = 3
"""Exit code of `poll --once` and `run --once` when feeds were polled and every one failed (offline, a DNS
failure, every server answering an error), so that cron can tell such a round from one with nothing new."""


def round_exit_code(report: PollReport) -> int:
    return NO_FEED_READ if report.checked and len(report.errors) == report.checked else 0
