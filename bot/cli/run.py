"""`pledgewatch run`: start the main job from the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import ConfigOption, fail, load_or_fail, print_warnings, round_exit_code

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def run_command(
    config: ConfigOption = None,
    once: Annotated[
        bool,
        typer.Option("--once", help="Poll every feed, match, deliver, then exit (for cron; 3: every feed failed)."),
    ] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="DEBUG, INFO, WARNING or ERROR.")] = "INFO",
) -> None:
    """Run pledgewatch: poll feeds, match pledges, send alerts and answer the bot's commands."""
    import asyncio

    from sqlalchemy.exc import SQLAlchemyError
    from telegram.error import TelegramError

    from bot.app import StartupError, run
    from bot.logging import configure_logging, redact
    from storage import StorageError, describe_failure
    from watchlist import WatchlistError

    if log_level.upper() not in LOG_LEVELS:
        fail(f"--log-level: expected one of {', '.join(LOG_LEVELS)}, got {log_level!r}")
    loaded = load_or_fail(config)
    print_warnings(loaded)
    secrets = [loaded.token or ""]
    if loaded.telegram.webhook_secret:
        secrets.append(loaded.telegram.webhook_secret.get_secret_value())
    configure_logging(log_level.upper(), secrets)
    try:
        report = asyncio.run(run(loaded, once=once))
    except WatchlistError as error:
        fail(f"watchlist: {error}")
    except (StorageError, StartupError) as error:
        fail(str(error))
    except SQLAlchemyError as error:
        fail(describe_failure(loaded.storage.url, error))
    except OSError as error:
        fail(f"cannot start: {redact(str(error), secrets)}")
    except TelegramError as error:
        fail(f"Telegram refused to start the bot: {redact(str(error), secrets)}")
    raise typer.Exit(round_exit_code(report) if report else 0)
