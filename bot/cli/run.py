"""`pledgewatch run`: start the main job from the command line."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import TelegramError

from bot.app import StartupError, run
from bot.cli.common import ConfigOption, fail, load_or_fail
from bot.logging import configure_logging, redact
from storage import StorageError
from watchlist import WatchlistError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def run_command(
    config: ConfigOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every feed, match, deliver, then exit (for cron).")
    ] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="DEBUG, INFO, WARNING or ERROR.")] = "INFO",
) -> None:
    """Run pledgewatch: poll feeds, match pledges, send alerts and answer the bot's commands."""
    if log_level.upper() not in LOG_LEVELS:
        fail(f"--log-level: expected one of {', '.join(LOG_LEVELS)}, got {log_level!r}")
    loaded = load_or_fail(config)
    secrets = [loaded.token or ""]
    if loaded.telegram.webhook_secret:
        secrets.append(loaded.telegram.webhook_secret.get_secret_value())
    configure_logging(log_level.upper(), secrets)
    try:
        code = asyncio.run(run(loaded, once=once))
    except WatchlistError as error:
        fail(f"watchlist: {error}")
    except (StorageError, StartupError) as error:
        fail(str(error))
    except SQLAlchemyError as error:
        fail(f"database unusable: {redact(str(error), secrets)}")
    except OSError as error:
        fail(f"cannot start: {redact(str(error), secrets)}")
    except TelegramError as error:
        fail(f"Telegram refused to start the bot: {redact(str(error), secrets)}")
    raise typer.Exit(code)
