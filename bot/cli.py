"""The `pledgewatch` command line: one place that lists every command."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Config, ConfigError, describe_settings, load_config
from storage import Database, StorageError, current_revision, head_revision, upgrade

T = TypeVar("T")

app = typer.Typer(
    help="Track the pledges of a joint communique in the news, with alerts on Telegram.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
config_app = typer.Typer(help="Check the configuration.", no_args_is_help=True)
db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
app.add_typer(config_app, name="config")
app.add_typer(db_app, name="db")

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


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    """Validate the configuration and print the effective settings (secrets masked)."""
    loaded = load_or_fail(config)
    typer.echo(f"{loaded.source}: OK")
    typer.echo(json.dumps(describe_settings(loaded), indent=2, ensure_ascii=False))


@db_app.command("upgrade")
def db_upgrade(config: ConfigOption = None) -> None:
    """Apply pending schema migrations (run automatically at start too)."""
    loaded = load_or_fail(config)

    async def upgraded() -> str | None:
        database = await open_database(loaded)
        try:
            return await current_revision(database)
        finally:
            await database.close()

    revision = run_async(upgraded())
    typer.echo(f"database at revision {revision} (head {head_revision()})")


def main() -> None:
    app()
