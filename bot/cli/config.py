"""`pledgewatch config check`: will `run` work with this config? Then the effective settings."""

from __future__ import annotations

import typer

from bot.cli.common import ConfigOption, load_or_fail, print_warnings

config_app = typer.Typer(help="Check the configuration.", no_args_is_help=True)


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    """Check what `run` needs (the file, the watchlist, the database, the webhook) and print the effective settings
    (secrets masked); each problem is one line on standard error, and any problem exits 2."""
    import asyncio
    import json

    from bot.config import describe_settings
    from bot.readiness import problems

    loaded = load_or_fail(config)
    print_warnings(loaded)
    found = asyncio.run(problems(loaded))
    for problem in found:
        typer.echo(f"error: {problem}", err=True)
    if found:
        raise typer.Exit(2)
    typer.echo(f"{loaded.source}: OK")
    typer.echo(json.dumps(describe_settings(loaded), indent=2, ensure_ascii=False))
