"""`pledgewatch watchlist …`: generate, check, list and edit the watchlist file.

Thin on purpose: each command parses its arguments, calls one `watchlist` function and turns a
WatchlistError into a one-line message on stderr and exit code 1, never a traceback. The file is the one
named on the command line, else the config's `[watchlist] path` (`--config`), the one `run` watches.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from bot.cli.common import ConfigOption, load_or_fail

if TYPE_CHECKING:
    from watchlist import Kind

watchlist_app = typer.Typer(help="Generate, check, list and edit the watchlist of pledges.", no_args_is_help=True)
_out = Console()
_err = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")

WatchlistOption = Annotated[
    Path | None, typer.Option("--watchlist", "-w", help="Watchlist file to edit (default: \\[watchlist] path).")
]
WatchlistArgument = Annotated[
    Path | None, typer.Argument(help="Watchlist file (default: \\[watchlist] path of the config).", show_default=False)
]


def _run(action: Callable[[], T]) -> T:
    """Run one command body; a WatchlistError becomes a message and exit code 1."""
    from watchlist import WatchlistError

    try:
        return action()
    except WatchlistError as error:
        _err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(1) from None


def _path(given: Path | None, config: Path | None) -> Path:
    """The file named on the command line, else the one the config names."""
    return given if given is not None else load_or_fail(config).watchlist.path


@watchlist_app.command()
def generate(
    communique: Annotated[Path, typer.Argument(help="The communique or joint statement, as UTF-8 text.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    title: Annotated[
        str | None, typer.Option(help="Source title (default: the text's heading, else its parties and date).")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Source date, YYYY-MM-DD.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Generate a watchlist from a communique (deterministic, offline)."""
    from watchlist import generate_watchlist, read_communique, render_watchlist, write_atomically

    if output is not None and output.exists() and not force:
        message = f"{output} exists; edit it, or pass --force to replace it"
        _err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
        raise typer.Exit(1)
    text = _run(lambda: read_communique(communique))
    when = _run(lambda: _date_option("--date", date))
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


KIND_NAMES = "pledge, position, mechanism or agreement"
"""The values of `watchlist.Kind`, written out so that `--help` does not import the watchlist package."""


def _kind_option(value: str | None) -> Kind | None:
    from watchlist import Kind, WatchlistError

    if value is None:
        return None
    try:
        return Kind(value)
    except ValueError:
        raise WatchlistError(f"--kind: expected {KIND_NAMES} (got {value!r})") from None


def _date_option(option: str, value: str | None) -> datetime.date | None:
    from watchlist import WatchlistError, parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise WatchlistError(f"{option}: {error}") from None


@watchlist_app.command()
def check(path: WatchlistArgument = None, config: ConfigOption = None) -> None:
    """Validate a watchlist: errors exit 1, warnings are printed."""
    from watchlist import check_watchlist, load_watchlist

    path = _path(path, config)
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
def list_commitments(
    path: WatchlistArgument = None,
    kind: Annotated[str | None, typer.Option(help=f"Only entries of this kind: {KIND_NAMES}.")] = None,
    config: ConfigOption = None,
) -> None:
    """Show the commitments as a table."""
    from rich.table import Table

    from watchlist import load_watchlist

    wanted = _run(lambda: _kind_option(kind))
    path = _path(path, config)
    watchlist = _run(lambda: load_watchlist(path))
    table = Table(title=escape(watchlist.source.title if watchlist.source else str(path)))
    table.add_column("id", no_wrap=True)  # what people copy into other commands: kept whole
    table.add_column("kind", no_wrap=True)
    table.add_column("title", min_width=20)
    table.add_column("section", max_width=16)
    table.add_column("deadline", no_wrap=True)
    table.add_column("aliases", max_width=24)
    for c in watchlist.commitments:
        if wanted is None or c.kind == wanted:
            deadline = c.deadline.isoformat() if c.deadline else ""
            table.add_row(*map(escape, (c.id, c.kind, c.title, c.section, deadline, ", ".join(c.aliases))))
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
    kind: Annotated[str, typer.Option(help=f"What it is: {KIND_NAMES}.")] = "pledge",
    watchlist: WatchlistOption = None,
    config: ConfigOption = None,
) -> None:
    """Add a commitment (its quote must be in the source communique)."""
    from watchlist import Commitment, Kind, add_commitment, slugify

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
        kind=_run(lambda: _kind_option(kind)) or Kind.PLEDGE,
        deadline=_run(lambda: _date_option("--deadline", deadline)),
    )
    path = _path(watchlist, config)
    _run(lambda: add_commitment(path, commitment))
    _err.print(f'added "{escape(commitment.id)}" to {escape(str(path))}', highlight=False)


@watchlist_app.command("set")
def set_command(
    commitment_id: Annotated[str, typer.Argument(metavar="ID")],
    field: Annotated[str, typer.Argument(metavar="FIELD")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Lists comma-separated; '' clears a deadline.")],
    watchlist: WatchlistOption = None,
    config: ConfigOption = None,
) -> None:
    """Set one field of a commitment, keeping the file's comments and layout."""
    from watchlist import set_field

    path = _path(watchlist, config)
    _run(lambda: set_field(path, commitment_id, field, value))
    _err.print(escape(f'set {field} of "{commitment_id}" in {path}'), highlight=False)


@watchlist_app.command()
def remove(
    commitment_id: Annotated[str, typer.Argument(metavar="ID")],
    watchlist: WatchlistOption = None,
    config: ConfigOption = None,
) -> None:
    """Remove a commitment; the comment lines above the next one stay with it."""
    from watchlist import remove_commitment

    path = _path(watchlist, config)
    _run(lambda: remove_commitment(path, commitment_id))
    _err.print(escape(f'removed "{commitment_id}" from {path}'), highlight=False)
