"""`pledgewatch report --html` and `pledgewatch status [set]` as an operator runs them."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from storage import Database, list_overrides, upgrade
from tests.report.seed import WATCHLIST, seed_tracker
from watchlist import load_watchlist

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config beside a copy of the frozen test watchlist and a database seeded with evidence."""
    shutil.copytree(WATCHLIST.parent, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "config.toml"
    path.write_text('[storage]\nurl = "sqlite:///tracker.db"\n[search]\nenabled = false\n', encoding="utf-8")

    async def seed() -> None:
        database = Database.open(f"sqlite:///{tmp_path / 'tracker.db'}")
        try:
            await upgrade(database)
            await seed_tracker(database, datetime.now(UTC))
        finally:
            await database.close()

    asyncio.run(seed())
    return path


def _overrides(config: Path) -> list[tuple[str, str, str, str | None, str]]:
    async def read() -> list[tuple[str, str, str, str | None, str]]:
        database = Database.open(f"sqlite:///{config.parent / 'tracker.db'}")
        try:
            async with database.transaction() as connection:
                rows = await list_overrides(connection)
        finally:
            await database.close()
        return [(o.commitment_id, o.status, o.note, o.link, o.set_by) for o in rows]

    return asyncio.run(read())


def test_report_writes_the_index_and_a_page_per_pledge(config: Path, tmp_path: Path) -> None:
    site = tmp_path / "public" / "tracker"
    result = runner.invoke(app, ["report", "--html", str(site), "--config", str(config)])
    assert result.exit_code == 0, result.output
    pledges = load_watchlist(config.parent / "watchlist.toml").commitments
    assert sorted(p.name for p in site.iterdir()) == sorted(["index.html", *(f"{c.id}.html" for c in pledges)])
    assert f"tracker site: {len(pledges) + 1} pages written, 0 unchanged" in result.output


def test_report_again_rewrites_nothing_that_did_not_change(config: Path, tmp_path: Path) -> None:
    """The index shows the time of the run, so it alone changes from one minute to the next."""
    site = tmp_path / "site"
    assert runner.invoke(app, ["report", "--html", str(site), "--config", str(config)]).exit_code == 0
    page = site / "ml-1-railway.html"
    written = page.stat().st_mtime_ns
    again = runner.invoke(app, ["report", "--html", str(site), "--config", str(config)])
    assert again.exit_code == 0, again.output
    assert page.stat().st_mtime_ns == written
    assert "unchanged" in again.output


def test_report_into_a_file_says_so_in_one_line(config: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["report", "--html", str(taken), "--config", str(config)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: --html {taken}: not a folder"


def test_status_set_stores_the_judgement_and_prints_the_status(config: Path) -> None:
    result = runner.invoke(
        app,
        [
            "status",
            "set",
            "gwadar-port",
            "delivered",
            "Berths open",
            "--link",
            "https://x.example/g",
            "-c",
            str(config),
        ],
    )
    assert result.exit_code == 0, result.output
    status, reason = result.output.splitlines()[:2]
    assert status == "gwadar-port: delivered"
    assert reason.startswith("  delivered: set by the command line on ") and reason.endswith(": Berths open")
    assert _overrides(config) == [
        (
            "karachi-circular-railway",
            "delivered",
            "Line opened to passengers",
            "https://news.example.org/kcr-opened?a=1&b=2",
            "4242",
        ),
        ("gwadar-port", "delivered", "Berths open", "https://x.example/g", "cli"),
    ]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["atlantis", "stalled", "No funds"], "no pledge with id 'atlantis'"),
        (["gwadar-port", "finished", "Done"], "unknown status 'finished': choose one of no-news, talk-only"),
        (["gwadar-port", "delivered", "Done"], "delivered needs a link to the evidence that the pledge was kept"),
        (["gwadar-port", "stalled", "Slow", "--link", "ftp://x"], "the link must start with http:// or https://"),
    ],
)
def test_status_set_refuses_a_wrong_decision_in_one_line(config: Path, arguments: list[str], error: str) -> None:
    result = runner.invoke(app, ["status", "set", *arguments, "--config", str(config)])
    assert result.exit_code == 2
    assert error in result.output and len(result.output.strip().splitlines()) == 1
    assert len(_overrides(config)) == 1  # the seeded one only


def test_status_without_a_subcommand_still_shows_the_pledges_with_their_status(config: Path) -> None:
    result = runner.invoke(app, ["status", "--config", str(config)], terminal_width=120)
    assert result.exit_code == 0, result.output
    gwadar = next(line for line in result.output.splitlines() if "gwadar-port" in line)
    assert "at risk" in gwadar
