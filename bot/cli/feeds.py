"""`pledgewatch poll --once` (a manual refresh with a progress bar), `pledgewatch feeds` (their health), and
`pledgewatch feeds export | import` (OPML, the file feed readers exchange)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import (
    ConfigOption,
    JsonOption,
    fail,
    load_or_fail,
    open_for_reading,
    round_exit_code,
    run_async,
)

if TYPE_CHECKING:
    from storage import FeedRow

FeedOption = Annotated[
    list[str] | None, typer.Option("--feed", help="Only the feed with this name (repeat for several).")
]


def poll_command(
    config: ConfigOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every enabled feed now, store, then exit.")] = False,
    feed: FeedOption = None,
) -> None:
    """Manual refresh: poll every enabled feed now (cache headers and Retry-After still honoured).

    Without a Telegram token the alerts are printed here. Exits 3 when every feed polled failed (offline?).
    """
    if not once:
        fail("usage: pledgewatch poll --once [--feed NAME]  (continuous polling is `pledgewatch run`)")
    from rich.console import Console

    from bot.cli.polling import poll_once
    from bot.cli.views import errors_table
    from bot.ops import round_summary

    loaded = load_or_fail(config)
    console = Console()
    report = run_async(poll_once(loaded, feed, console), loaded)
    console.print(round_summary(report))
    if report.errors:
        console.print(errors_table(report))
    raise typer.Exit(round_exit_code(report))


def feeds_command(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """List the feeds: name, URL, last success, next check, error count and last error."""
    import json

    from rich.console import Console

    from bot.cli.views import feeds_json, feeds_table
    from storage import list_feeds

    loaded = load_or_fail(config)

    async def stored_feeds() -> list[FeedRow]:
        database = await open_for_reading(loaded)
        try:
            async with database.transaction() as connection:
                return await list_feeds(connection)
        finally:
            await database.close()

    feeds = run_async(stored_feeds(), loaded)
    if as_json:
        typer.echo(json.dumps(feeds_json(feeds)))
    else:
        Console().print(feeds_table(feeds))


feeds_app = typer.Typer(
    help="Feed health; `export` and `import` exchange the feed list with feed readers as OPML.",
    invoke_without_command=True,
)


@feeds_app.callback()
def feeds_group(context: typer.Context, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Without a subcommand: name, URL, last success, next check, error count and last error of each feed."""
    if context.invoked_subcommand is None:
        feeds_command(config, as_json)
    elif config is not None:
        fail(f"--config goes after the subcommand: pledgewatch feeds {context.invoked_subcommand} --config {config}")
    elif as_json:
        fail(f"--json is for the list of feeds (pledgewatch feeds --json), not for `{context.invoked_subcommand}`")


@feeds_app.command("export")
def export_command(config: ConfigOption = None) -> None:
    """Print the feeds as OPML 2.0: the outlets and (unless search is off) the news searches, each in a folder."""
    from bot.cli.opml import export_opml

    typer.echo(export_opml(load_or_fail(config)), nl=False)


@feeds_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="An OPML file, as feed readers export it.", show_default=False)],
    config: ConfigOption = None,
) -> None:
    """Add an OPML file's feeds to the config file, one feeds table each, comments kept; known URLs are skipped."""
    from bot.cli.opml import import_opml

    import_opml(file, config)
