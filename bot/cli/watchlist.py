"""`pledgewatch watchlist …`: generate, check, list and edit the watchlist file.

Thin on purpose: each command parses its arguments, calls one `watchlist` function and turns a
WatchlistError into a one-line message on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from watchlist import (
    Commitment,
    WatchlistError,
    add_commitment,
    check_watchlist,
    generate_watchlist,
    load_watchlist,
    parse_date,
    read_communique,
    remove_commitment,
    render_watchlist,
    set_field,
    slugify,
    write_atomically,
)

watchlist_app = typer.Typer(help="Generate, check, list and edit the watchlist of pledges.", no_args_is_help=True)
_out = Console()
_err = Console(stderr=True, soft_wrap=True)
DEFAULT_PATH = Path("watchlist.toml")
T = TypeVar("T")

WatchlistOption = Annotated[Path, typer.Option("--watchlist", "-w", help="Watchlist file to edit.")]


def _run(action: Callable[[], T]) -> T:
    """Run one command body; a WatchlistError becomes a message and exit code 1."""
    try:
        return action()
    except WatchlistError as error:
        _err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(1) from None


@watchlist_app.command()
def generate(
    communique: Annotated[Path, typer.Argument(help="The communique or joint statement, as UTF-8 text.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    title: Annotated[str | None, typer.Option(help="Source title (default: the text's heading).")] = None,
    date: Annotated[str | None, typer.Option(help="Source date, YYYY-MM-DD.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Generate a watchlist from a communique (deterministic, offline)."""
    if output is not None and output.exists() and not force:
        message = f"{output} exists; edit it, or pass --force to replace it"
        _err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
        raise typer.Exit(1)
    text = _run(lambda: read_communique(communique))
    when = _run(lambda: _date_option(date))
    base = output.parent if output is not None else Path.cwd()
    source_path = Path(os.path.relpath(communique.resolve(), base.resolve())).as_posix()
    watchlist = generate_watchlist(text, source_path, title=title, date=when)
    if not watchlist.commitments:
        _err.print(
            f"[red]error:[/red] {escape(str(communique))}: no recognisable pledges (no sentence says "
            "'agreed to', 'will', 'resolved to', 'committed to' …); is this a joint statement?",
            highlight=False,
        )
        raise typer.Exit(1)
    rendered = render_watchlist(watchlist)
    if output is None:
        typer.echo(rendered, nl=False)
    else:
        _run(lambda: write_atomically(output, rendered))
    _err.print(f"{len(watchlist.commitments)} commitments from {escape(str(communique))}", highlight=False)


def _date_option(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise WatchlistError(f"--date: {error}") from None


@watchlist_app.command()
def check(path: Annotated[Path, typer.Argument(help="Watchlist file.")] = DEFAULT_PATH) -> None:
    """Validate a watchlist: errors exit 1, warnings are printed."""
    problems = check_watchlist(path)
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        location, message = escape(problem.location()), escape(problem.message)
        _err.print(f"{location}: [{colour}]{problem.severity}[/{colour}]: {message}", highlight=False)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        _err.print(f"{errors} error(s)", highlight=False)
        raise typer.Exit(1)
    count = len(load_watchlist(path).commitments)
    _err.print(f"{escape(str(path))}: ok, {count} commitments, {len(problems)} warning(s)", highlight=False)


@watchlist_app.command("list")
def list_commitments(path: Annotated[Path, typer.Argument(help="Watchlist file.")] = DEFAULT_PATH) -> None:
    """Show the commitments as a table."""
    watchlist = _run(lambda: load_watchlist(path))
    table = Table(title=escape(watchlist.source.title if watchlist.source else str(path)))
    for column in ("id", "title", "section", "deadline", "aliases"):
        table.add_column(column, overflow="fold")
    for c in watchlist.commitments:
        cells = (c.id, c.title, c.section, c.deadline.isoformat() if c.deadline else "", ", ".join(c.aliases))
        table.add_row(*map(escape, cells))
    _out.print(table)


@watchlist_app.command()
def add(
    title: Annotated[str, typer.Option(help="Short human title.")],
    quote: Annotated[str, typer.Option(help="Verbatim text of the communique stating the pledge.")],
    id: Annotated[str | None, typer.Option("--id", help="Slug (default: from the title).")] = None,
    section: Annotated[str, typer.Option(help="Heading it stands under.")] = "",
    aliases: Annotated[str, typer.Option(help="Comma-separated names that identify it.")] = "",
    keywords: Annotated[str, typer.Option(help="Comma-separated supporting words.")] = "",
    tags: Annotated[str, typer.Option(help="Comma-separated sectors.")] = "",
    deadline: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    watchlist: WatchlistOption = DEFAULT_PATH,
) -> None:
    """Add a commitment (its quote must be in the source communique)."""

    def split(text: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in text.split(",") if item.strip())

    commitment = Commitment(
        id=id or slugify(title),
        title=title,
        section=section,
        quote=quote,
        aliases=split(aliases),
        keywords=split(keywords),
        tags=split(tags),
        deadline=_run(lambda: _date_option(deadline)),
    )
    _run(lambda: add_commitment(watchlist, commitment))
    _err.print(f'added "{escape(commitment.id)}" to {escape(str(watchlist))}', highlight=False)


@watchlist_app.command("set")
def set_command(
    commitment_id: Annotated[str, typer.Argument(metavar="ID")],
    field: Annotated[str, typer.Argument(metavar="FIELD")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Lists comma-separated; '' clears a deadline.")],
    watchlist: WatchlistOption = DEFAULT_PATH,
) -> None:
    """Set one field of a commitment, keeping the file's comments and layout."""
    _run(lambda: set_field(watchlist, commitment_id, field, value))
    _err.print(escape(f'set {field} of "{commitment_id}" in {watchlist}'), highlight=False)


@watchlist_app.command()
def remove(
    commitment_id: Annotated[str, typer.Argument(metavar="ID")],
    watchlist: WatchlistOption = DEFAULT_PATH,
) -> None:
    """Remove a commitment."""
    _run(lambda: remove_commitment(watchlist, commitment_id))
    _err.print(escape(f'removed "{commitment_id}" from {watchlist}'), highlight=False)
