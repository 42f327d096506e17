"""The command line as a whole: it starts at once, completes in the shell, and every command takes `--config`."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import REPO

HEAVY = ("sqlalchemy", "telegram", "aiohttp", "httpx", "feedparser", "sklearn", "alembic", "apscheduler")
"""Packages that took `pledgewatch --help` to 1.8 s; none is needed to list or explain the commands (typer itself
loads pydantic to read a subcommand's options)."""
OURS = ("bot.config", "bot.app", "storage", "feeds", "matcher", "watchlist", "tracker")

WITHOUT_CONFIG = {"watchlist generate": "reads a communique and writes TOML: no setting applies to it"}


def _modules_loaded_by(*args: str) -> set[str]:
    """The modules imported by `pledgewatch ARGS`, as the child process lists them when it exits."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(*sorted(sys.modules), file=sys.stderr))\n"
        f"sys.argv = ['pledgewatch', *{list(args)!r}]\n"
        "from bot.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stderr.split())


@pytest.mark.parametrize("args", [("--help",), ("status", "--help"), ("watchlist", "list", "--help"), ("--version",)])
def test_help_and_version_import_none_of_the_heavy_packages(args: tuple[str, ...]) -> None:
    loaded = _modules_loaded_by(*args)
    top_level = {name.split(".")[0] for name in loaded}
    assert not top_level & set(HEAVY), sorted(top_level & set(HEAVY))
    assert not {name for name in loaded if name.startswith(OURS)}


def test_shell_completion_can_be_installed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Every command under `group` by its path ("watchlist add"), as typer hands them to click."""
    found = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            found += _commands(command, f"{path} ")
            if command.invoke_without_command:  # `status` and `feeds` also run alone
                found.append((path, command))
        else:
            found.append((path, command))
    return found


def test_every_command_takes_a_config_file() -> None:
    commands = _commands(typer.main.get_command(app))
    assert len(commands) > 20
    lacking = [path for path, command in commands if not any("--config" in p.opts for p in command.params)]
    assert sorted(lacking) == sorted(WITHOUT_CONFIG)


def test_help_shows_the_config_sections_it_names() -> None:
    """`[matcher] threshold` in an option's help is rich markup unless escaped: it would show as " threshold"."""
    commands = _commands(typer.main.get_command(app))
    named = [
        (path, help_text)
        for path, command in commands
        for p in command.params
        if (help_text := getattr(p, "help", None)) and "[" in help_text
    ]
    assert named, "no option help names a config section: this test checks nothing"
    for path, help_text in named:
        shown = CliRunner().invoke(app, [*path.split(), "--help"], terminal_width=400).stdout
        sections = [
            word for word in help_text.replace("\\[", "[").split() if word.startswith("[") and word.endswith("]")
        ]
        assert all(section in shown for section in sections), (path, sections)
