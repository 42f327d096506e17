"""The `pledgewatch` command line: one place that lists every command."""

from __future__ import annotations

import json

import typer

from bot.cli_common import ConfigOption, load_or_fail, open_database, run_async
from bot.cli_feeds import feeds_command, poll_command
from bot.cli_match import explain_command, match_command
from bot.cli_run import run_command
from bot.cli_status import status_command
from bot.cli_watchlist import watchlist_app
from bot.config import describe_settings
from storage import current_revision, head_revision

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
app.add_typer(watchlist_app, name="watchlist")
app.command("run")(run_command)
app.command("poll")(poll_command)
app.command("feeds")(feeds_command)
app.command("status")(status_command)
app.command("match")(match_command)
app.command("explain")(explain_command)


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
