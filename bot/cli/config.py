"""`pledgewatch config check`: validate the configuration and show the effective settings."""

from __future__ import annotations

import json

import typer

from bot.cli.common import ConfigOption, load_or_fail
from bot.config import describe_settings

config_app = typer.Typer(help="Check the configuration.", no_args_is_help=True)


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    """Validate the configuration and print the effective settings (secrets masked)."""
    loaded = load_or_fail(config)
    typer.echo(f"{loaded.source}: OK")
    typer.echo(json.dumps(describe_settings(loaded), indent=2, ensure_ascii=False))
