"""`pledgewatch status`: the state of every pledge and feed, for operators without Telegram; and
`pledgewatch status set`: an administrator's judgement of a pledge's status, as `/setstatus` in Telegram."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import ConfigOption, JsonOption, fail, load_or_fail, open_database, open_for_reading, run_async

if TYPE_CHECKING:
    from bot.config import Config
    from watchlist import Watchlist

status_app = typer.Typer(help="Pledges and feeds at a glance; set a pledge's status by hand.")


@status_app.callback(invoke_without_command=True)
def status_command(context: typer.Context, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Show each pledge (status, latest news, 30-day count, deadline) and each feed's health."""
    if context.invoked_subcommand is not None:
        return
    import json
    from datetime import datetime, timedelta

    from rich.console import Console

    from bot.cli.views import feeds_json, feeds_table, pledges_json, pledges_table
    from bot.services import utc_now
    from bot.statuses import load_statuses
    from storage import FeedRow, count_matches_since, latest_match_dates, list_feeds
    from tracker import PledgeStatus

    loaded = load_or_fail(config)
    watchlist = _watchlist(loaded)
    now = utc_now()

    async def gather() -> tuple[list[PledgeStatus], dict[str, datetime], dict[str, int], list[FeedRow]]:
        database = await open_for_reading(loaded)
        try:
            async with database.transaction() as connection:
                return (
                    await load_statuses(connection, watchlist, now),
                    await latest_match_dates(connection),
                    await count_matches_since(connection, now - timedelta(days=30)),
                    await list_feeds(connection),
                )
        finally:
            await database.close()

    statuses, latest, month, feeds = run_async(gather(), loaded)
    if as_json:
        typer.echo(json.dumps({"pledges": pledges_json(statuses, latest, month, now), "feeds": feeds_json(feeds)}))
        return
    console = Console()
    console.print(pledges_table(statuses, latest, month, now))
    console.print(feeds_table(feeds))


@status_app.command("set")
def status_set_command(
    commitment_id: Annotated[str, typer.Argument(metavar="ID", help="The pledge's id.")],
    status: Annotated[
        str, typer.Argument(metavar="STATUS", help='A status such as in-progress or delivered; "auto" for the rules.')
    ],
    note: Annotated[str, typer.Argument(metavar="NOTE", help="Why (shown with the status).")],
    link: Annotated[
        str | None, typer.Option("--link", help="Evidence for the judgement (needed for delivered).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Set a pledge's status by hand, with a note (kept with the date; "auto" hands it back to the rules).

    An unknown STATUS is refused with the list of known ones.
    """
    from bot.overrides import CLI, DecisionRefused, decide, record_decision
    from bot.services import utc_now
    from bot.statuses import load_statuses
    from tracker import PledgeStatus

    loaded = load_or_fail(config)
    watchlist = _watchlist(loaded)
    commitment = watchlist.get(commitment_id)
    if commitment is None:
        fail(f"{loaded.watchlist.path}: no pledge with id {commitment_id!r}")
    try:
        decision = decide(status, note, link)
    except DecisionRefused as refused:
        fail(str(refused))
    now = utc_now()

    async def store() -> PledgeStatus:
        database = await open_database(loaded)
        try:
            async with database.transaction() as connection:
                await record_decision(connection, commitment, decision, CLI, now)
                [pledge] = await load_statuses(connection, watchlist, now, only=[commitment])
                return pledge
        finally:
            await database.close()

    pledge = run_async(store(), loaded)
    typer.echo(f"{commitment.id}: {pledge.assessment.status.label}")
    for reason in pledge.assessment.reasons:
        typer.echo(f"  {reason}")


def _watchlist(config: Config) -> Watchlist:
    from watchlist import WatchlistError, load_watchlist

    try:
        return load_watchlist(config.watchlist.path)
    except WatchlistError as error:
        fail(str(error))
