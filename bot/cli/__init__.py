"""The `pledgewatch` command line: one place that lists every command; each group has its module."""

from __future__ import annotations

import typer

from bot.cli.config import config_app
from bot.cli.db import db_app
from bot.cli.feeds import feeds_command, poll_command
from bot.cli.match import explain_command, match_command
from bot.cli.run import run_command
from bot.cli.status import status_command
from bot.cli.watchlist import watchlist_app

app = typer.Typer(
    help="Track the pledges of a joint communique in the news, with alerts on Telegram.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(config_app, name="config")
app.add_typer(db_app, name="db")
app.add_typer(watchlist_app, name="watchlist")
app.command("run")(run_command)
app.command("poll")(poll_command)
app.command("feeds")(feeds_command)
app.command("status")(status_command)
app.command("match")(match_command)
app.command("explain")(explain_command)


def main() -> None:
    app()


__all__ = ["app", "main"]
