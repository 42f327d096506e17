"""`pledgewatch model fetch`: put the semantic stage's model where `match` and `run` look for it.

Where: `[matcher] model_dir`, by default `all-MiniLM-L6-v2` under the user's data folder
(`~/.local/share/pledgewatch/models/` on Linux); `--dir` overrides both. How: `bot.model_install`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import ConfigOption, fail, load_or_fail

model_app = typer.Typer(help="The sentence-embedding model of the semantic stage.", no_args_is_help=True)


@model_app.command("fetch")
def fetch_command(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Install here instead of \\[matcher] model_dir.", file_okay=False)
    ] = None,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
) -> None:
    """Download all-MiniLM-L6-v2, verify it against the official checksums and convert it for onnxruntime (once)."""
    from bot.model_install import InstallError, default_sources, install, is_installed
    from matcher.semantic import NAME, ONNX_FILE

    model_dir = directory if directory is not None else load_or_fail(config).matcher.model_dir

    def say(line: str) -> None:
        if not quiet:
            typer.echo(line)

    if is_installed(model_dir):
        say(f"{NAME} is already installed in {model_dir}")
        return
    try:
        manifest = install(model_dir, default_sources(), say)
    except InstallError as error:
        fail(str(error), code=1)
    except OSError as error:
        fail(f"{model_dir}: cannot write the model: {error}", code=1)
    size = (model_dir / ONNX_FILE).stat().st_size / 1e6
    say(f"{NAME} installed in {model_dir} from {manifest['source']} ({ONNX_FILE}: {size:.1f} MB)")
