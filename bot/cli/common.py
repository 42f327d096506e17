"""What every CLI command shares: loading the config, failing in one line, running async work."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Config, ConfigError, load_config
from storage import Database, StorageError, upgrade

T = TypeVar("T")

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Config file (default: ./config.toml, else config.example.toml's defaults)."),
]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one clear line on standard error and exit; the CLI never shows a traceback for user errors."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load_or_fail(path: Path | None) -> Config:
    try:
        config = load_config(path)
    except ConfigError as exc:
        fail(str(exc))
    for warning in config.warnings:
        typer.echo(f"warning: {warning}", err=True)
    return config


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine, turning storage problems into one line instead of a traceback."""
    try:
        return asyncio.run(coroutine)
    except StorageError as exc:
        fail(str(exc))
    except (OSError, SQLAlchemyError) as exc:
        fail(f"database unusable: {exc}")


async def open_database(config: Config) -> Database:
    """Open and migrate the configured database: every command that touches data starts here."""
    database = Database.open(config.storage.url)
    await upgrade(database)
    return database
