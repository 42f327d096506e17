"""`pledgewatch --version`: the version of the installed package, as pip and bug reports know it."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import fail

DISTRIBUTION = "pledgewatch"


def _print_version(asked: bool) -> None:
    if not asked:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        typer.echo(f"{DISTRIBUTION} {version(DISTRIBUTION)}")
    except PackageNotFoundError:
        fail(f"{DISTRIBUTION} is not installed, so it has no version (install it with ./scripts/setup)")
    raise typer.Exit()


def global_options(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Track the pledges of a joint communique in the news, with alerts on Telegram."""
