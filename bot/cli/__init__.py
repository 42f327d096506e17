"""The `pledgewatch` command line: one place that lists every command; each group has its module.

The command modules import only typer at the top, so that building this list costs nothing: see
`bot.cli.common`. Shell completion comes with typer: `pledgewatch --install-completion`.
"""

from __future__ import annotations

import typer

from bot.cli.config import config_app
from bot.cli.db import db_app
from bot.cli.feedback import feedback_app
from bot.cli.feeds import feeds_app, poll_command
from bot.cli.match import explain_command, match_command
from bot.cli.model import model_app
from bot.cli.report import report_command
from bot.cli.run import run_command
from bot.cli.status import status_app
from bot.cli.version import global_options
from bot.cli.watchlist import watchlist_app

app = typer.Typer(
    help="Track the pledges of a joint communique in the news, with alerts on Telegram.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.callback()(global_options)
app.add_typer(config_app, name="config")
app.add_typer(db_app, name="db")
app.add_typer(watchlist_app, name="watchlist")
app.add_typer(model_app, name="model")
app.add_typer(feedback_app, name="feedback")
app.add_typer(status_app, name="status")
app.command("run")(run_command)
app.command("poll")(poll_command)
app.add_typer(feeds_app, name="feeds")
app.command("match")(match_command)
app.command("explain")(explain_command)
app.command("report")(report_command)


def main() -> None:
    app()


__all__ = ["app", "main"]
