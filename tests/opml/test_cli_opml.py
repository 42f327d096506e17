"""`pledgewatch feeds export` and `feeds import`, run as a user runs them, against real config files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app
from bot.config import load_config
from tests.conftest import REPO

DATA = Path(__file__).resolve().parents[1] / "data" / "opml"

OUTLETS = """# Our outlets, checked by hand in November.
[storage]
url = "sqlite:///pledgewatch.db"   # next to this file

[watchlist]
path = "watchlist.toml"

# Outlet feeds
[[feeds]]
name = "Dawn"
url = "https://www.dawn.com/feeds/home"

[[feeds]]
name = "Business Recorder"  # slow site
url = "https://www.brecorder.com/feeds/latest-news"
interval_seconds = 1800

[matcher]
threshold = 0.5
"""


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder as an operator keeps it: the shipped watchlist and its communique beside the config."""
    shutil.copy(REPO / "watchlist.toml", tmp_path / "watchlist.toml")
    shutil.copytree(REPO / "communiques", tmp_path / "communiques")
    return tmp_path


def _config(folder: Path, text: str = OUTLETS) -> Path:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_then_import_into_an_empty_config_gives_the_same_feeds(folder: Path, tmp_path: Path) -> None:
    source = _config(folder)
    exported = _run("feeds", "export", "--config", str(source))
    assert exported.exit_code == 0, exported.output
    opml = tmp_path / "pledgewatch.opml"
    opml.write_text(exported.stdout, encoding="utf-8")
    empty = tmp_path / "elsewhere" / "config.toml"
    empty.parent.mkdir()
    empty.write_text("", encoding="utf-8")

    imported = _run("feeds", "import", str(opml), "--config", str(empty))

    assert imported.exit_code == 0, imported.output
    assert load_config(empty).feeds == load_config(source).feeds
    searches = len(_pledges(folder))
    assert imported.stdout.splitlines()[-1] == (
        f"{empty}: 2 feeds added; skipped {searches} pledgewatch news searches (made from the watchlist)"
    )


def _pledges(folder: Path) -> list[str]:
    return [
        line
        for line in (folder / "watchlist.toml").read_text(encoding="utf-8").splitlines()
        if line == "[[commitment]]"
    ]


def test_export_marks_outlets_and_searches_each_in_its_folder(folder: Path) -> None:
    exported = _run("feeds", "export", "--config", str(_config(folder)))
    assert exported.exit_code == 0, exported.output
    outlines = [line.strip() for line in exported.stdout.splitlines()]
    assert '<outline text="pledgewatch outlets" title="pledgewatch outlets">' in outlines
    assert '<outline text="pledgewatch news searches" title="pledgewatch news searches">' in outlines
    assert sum('category="/pledgewatch/outlet"' in line for line in outlines) == 2
    assert sum('category="/pledgewatch/search"' in line for line in outlines) == len(_pledges(folder))
    assert 'pledgewatch:intervalSeconds="1800"' in exported.stdout


def test_export_without_searches_lists_the_outlets_only(folder: Path) -> None:
    config = _config(folder, OUTLETS + "\n[search]\nenabled = false\n")
    exported = _run("feeds", "export", "--config", str(config))
    assert exported.exit_code == 0, exported.output
    assert "/pledgewatch/search" not in exported.stdout and exported.stdout.count("/pledgewatch/outlet") == 2


def test_import_keeps_comments_and_order_and_adds_after_the_last_feed(folder: Path) -> None:
    config = _config(folder)
    result = _run("feeds", "import", str(DATA / "feedly.opml"), "--config", str(config))
    assert result.exit_code == 0, result.output
    text = config.read_text(encoding="utf-8")
    before, _, after = text.partition("interval_seconds = 1800\n")
    assert before + "interval_seconds = 1800\n" == OUTLETS.partition("[matcher]")[0].rstrip("\n") + "\n"
    assert after.rstrip().endswith("[matcher]\nthreshold = 0.5")
    assert '[[feeds]] # from feedly.opml: Pakistan\nname = "The Express Tribune"' in after
    assert [feed.name for feed in load_config(config).feeds] == [
        "Dawn",
        "Business Recorder",
        "The Express Tribune",
        "China Daily - World",
        "SCMP - China",
    ]
    assert result.stdout.splitlines()[-1] == f"{config}: 3 feeds added; skipped 2 already in the config"


def test_a_feed_in_two_folders_is_added_once(folder: Path) -> None:
    config = _config(folder)
    result = _run("feeds", "import", str(DATA / "inoreader.opml"), "--config", str(config))
    assert result.exit_code == 0, result.output
    urls = [feed.url for feed in load_config(config).feeds]
    assert urls.count("https://www.app.com.pk/feed/") == 1
    assert result.stdout.splitlines()[-1] == f"{config}: 3 feeds added; skipped 1 repeated in the file"


def test_the_same_url_in_other_case_is_already_there_and_a_taken_name_gets_a_number(folder: Path) -> None:
    config = _config(folder)
    result = _run("feeds", "import", str(DATA / "duplicates.opml"), "--config", str(config))
    assert result.exit_code == 0, result.output
    added = load_config(config).feeds[2:]
    assert [(feed.name, feed.url) for feed in added] == [("Dawn (2)", "https://www.dawn.com/feeds/business")]
    assert "skipped 2 already in the config" in result.stdout


def test_untitled_feeds_are_named_after_their_address(folder: Path) -> None:
    config = _config(folder)
    assert _run("feeds", "import", str(DATA / "missing_titles.opml"), "--config", str(config)).exit_code == 0
    assert [feed.name for feed in load_config(config).feeds[2:]] == [
        "www.railwaygazette.com/feed",
        "example.org/news/rss",
        "Only a title",
    ]


def test_importing_twice_changes_nothing_the_second_time(folder: Path) -> None:
    config = _config(folder)
    assert _run("feeds", "import", str(DATA / "netnewswire.opml"), "--config", str(config)).exit_code == 0
    once = config.read_bytes()
    again = _run("feeds", "import", str(DATA / "netnewswire.opml"), "--config", str(config))
    assert again.exit_code == 0, again.output
    assert config.read_bytes() == once
    assert again.stdout.strip() == f"{config}: no new feeds, the file is unchanged; skipped 3 already in the config"


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("not_xml.opml", "not_xml.opml:2: not OPML"),
        ("no_outlines.opml", "no_outlines.opml: no feeds"),
        ("outline_without_xmlurl.opml", "outline_without_xmlurl.opml:6: outline 'Ministry of Planning' has no xmlUrl"),
        ("billion_laughs.opml", "billion_laughs.opml:3: refused"),
    ],
)
def test_a_broken_file_is_refused_in_one_line_and_the_config_is_untouched(folder: Path, name: str, where: str) -> None:
    config = _config(folder)
    result = _run("feeds", "import", str(DATA / name), "--config", str(config))
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {DATA / where.split(':')[0]}") and where.split(":", 1)[1] in line
    assert config.read_text(encoding="utf-8") == OUTLETS


def test_import_needs_a_config_file_to_add_to(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    result = _run("feeds", "import", str(DATA / "feedly.opml"))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: config.toml: file not found (copy config.example.toml to config.toml first, or pass --config)"
    )
    assert not (folder / "config.toml").exists()


def test_feeds_alone_still_lists_their_health(folder: Path) -> None:
    """The table of stored feeds (empty before the first run; tests/feeds/test_cli_feeds.py fills it)."""
    result = _run("feeds", "--config", str(_config(folder)))
    assert result.exit_code == 0, result.output
    assert "Feeds (0)" in result.stdout and "last success" in result.stdout


def test_a_config_given_before_the_subcommand_is_not_silently_ignored(folder: Path) -> None:
    config = _config(folder)
    result = _run("feeds", "--config", str(config), "import", str(DATA / "feedly.opml"))
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"error: --config goes after the subcommand: pledgewatch feeds import --config {config}"
    )
    assert config.read_text(encoding="utf-8") == OUTLETS
