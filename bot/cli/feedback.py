"""`pledgewatch feedback export|import`: readers' verdicts as JSON lines, to keep, share and measure with.

A line is {"title", "summary", "commitment", "relevant"}: the words that were judged, the pledge, and
the verdict. `import` stores lines as administrators' verdicts (a file of verdicts is an editor's
work); `pledgewatch match --feedback FILE` learns from the same format without storing anything.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import ConfigOption, fail, load_or_fail, open_database, open_for_reading, run_async
from bot.cli.match import BadLine, feedback_lines

if TYPE_CHECKING:
    from bot.config import Config
    from storage import Verdict

feedback_app = typer.Typer(
    help="Export or import readers' verdicts (Relevant / Not about this pledge).", no_args_is_help=True
)


@feedback_app.command("export")
def export_command(
    output: Annotated[Path | None, typer.Argument(help="File to write (default: standard output).")] = None,
    admins_only: Annotated[bool, typer.Option("--admins-only", help="Only administrators' verdicts.")] = False,
    config: ConfigOption = None,
) -> None:
    """Write every stored verdict as a JSON line {title, summary, commitment, relevant}."""
    loaded = load_or_fail(config)
    verdicts = run_async(_stored(loaded, admins_only), loaded)
    lines = "".join(json.dumps(_as_json(v), ensure_ascii=False) + "\n" for v in verdicts)
    if output is None:
        sys.stdout.write(lines)
    else:
        try:
            output.write_text(lines, encoding="utf-8")
        except OSError as error:
            fail(f"{output}: cannot write: {error.strerror}")
    typer.echo(f"{len(verdicts)} verdicts exported", err=True)


@feedback_app.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(help="JSON lines {title, summary, commitment, relevant}.")],
    config: ConfigOption = None,
) -> None:
    """Store the verdicts of a file as administrators' verdicts; every line is checked before any is stored."""
    from watchlist import WatchlistError, load_watchlist

    loaded = load_or_fail(config)
    try:
        known = {c.id for c in load_watchlist(loaded.watchlist.path).commitments}
    except WatchlistError as error:
        fail(str(error))
    try:
        with source.open(encoding="utf-8") as lines:
            verdicts = list(feedback_lines(lines, str(source)))
    except BadLine as error:
        fail(str(error))
    except UnicodeDecodeError as error:
        fail(f"{source}: not UTF-8 text (byte {error.start})")
    except OSError as error:
        fail(f"{source}: cannot read: {error.strerror}")
    unknown = sorted({v.commitment for v in verdicts} - known)
    if unknown:
        fail(f"{source}: no commitment {', '.join(map(repr, unknown))} in {loaded.watchlist.path}; nothing imported")
    count = run_async(_import(loaded, [(v.title, v.summary, v.commitment, v.relevant) for v in verdicts]), loaded)
    typer.echo(f"{count} verdicts imported from {source}; `pledgewatch run` learns from them at its next check")


async def _stored(config: Config, admins_only: bool) -> list[Verdict]:
    from storage import list_verdicts

    database = await open_for_reading(config)
    try:
        async with database.transaction() as connection:
            return await list_verdicts(connection, admins_only)
    finally:
        await database.close()


async def _import(config: Config, verdicts: list[tuple[str, str, str, bool]]) -> int:
    from bot.services import utc_now
    from storage import import_verdicts

    database = await open_database(config)
    try:
        async with database.transaction() as connection:
            return await import_verdicts(connection, verdicts, utc_now())
    finally:
        await database.close()


def _as_json(verdict: Verdict) -> dict[str, object]:
    return {
        "title": verdict.title,
        "summary": verdict.summary,
        "commitment": verdict.commitment_id,
        "relevant": verdict.relevant,
    }
