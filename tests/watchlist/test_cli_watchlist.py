"""The `pledgewatch watchlist` commands, run in-process against files in a temp folder."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli.watchlist import KIND_NAMES, watchlist_app
from tests.watchlist.conftest import BUNDLED
from watchlist import Kind, load_watchlist


def _run(*args: str) -> Result:
    return CliRunner().invoke(watchlist_app, list(args))


@pytest.fixture
def communique(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "communiques"
    folder.mkdir()
    return Path(shutil.copy(BUNDLED, folder / "statement.txt"))


def test_generate_prints_toml_to_stdout(communique: Path) -> None:
    result = _run("generate", str(communique))
    assert result.exit_code == 0
    data = tomllib.loads(result.stdout)
    assert data["source"]["path"] == "communiques/statement.txt"
    assert len(data["commitment"]) > 20
    assert "commitments from" in result.stderr


def test_generate_to_file_then_check_and_list(communique: Path, tmp_path: Path) -> None:
    out = tmp_path / "watchlist.toml"
    assert _run("generate", str(communique), "-o", str(out), "--date", "2022-11-02").exit_code == 0
    assert load_watchlist(out).source.date.isoformat() == "2022-11-02"  # type: ignore[union-attr]
    checked = _run("check", str(out))
    assert checked.exit_code == 0 and "ok," in checked.stderr
    listed = _run("list", str(out))
    assert listed.exit_code == 0 and "ml-1-railway" in listed.stdout


def test_generated_source_path_is_relative_to_the_output_file(communique: Path, tmp_path: Path) -> None:
    out = tmp_path / "config" / "watchlist.toml"
    out.parent.mkdir()
    assert _run("generate", str(communique), "-o", str(out)).exit_code == 0
    assert load_watchlist(out).source.path == "../communiques/statement.txt"  # type: ignore[union-attr]
    assert _run("check", str(out)).exit_code == 0


def test_generate_refuses_to_overwrite_without_force(communique: Path, tmp_path: Path) -> None:
    out = tmp_path / "watchlist.toml"
    out.write_text("# mine\n")
    result = _run("generate", str(communique), "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert out.read_text() == "# mine\n"
    assert _run("generate", str(communique), "-o", str(out), "--force").exit_code == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"Weather\n\nIt rained all day. The wind dropped at night.\n", "no recognisable pledges"),
        (b"<html><body><div>x</div><p>y</p></body></html>", "looks like HTML"),
        (b"caf\xe9 agreed to meet", "not UTF-8"),
        (b"They agreed to meet.\n" * 300_000, "too large"),
    ],
)
def test_generate_bad_input_is_a_message_and_exit_1(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = _run("generate", str(path))
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_generate_missing_file_is_a_message(tmp_path: Path) -> None:
    result = _run("generate", str(tmp_path / "absent.txt"))
    assert result.exit_code == 1 and "file not found" in result.stderr


def test_check_reports_errors_with_lines_and_exits_1(watchlist_file: Path) -> None:
    text = watchlist_file.read_text().replace("deadline = 2026-12-31", 'deadline = "soon"')
    watchlist_file.write_text(text)
    line = text.splitlines().index('deadline = "soon"') + 1
    result = _run("check", str(watchlist_file))
    assert result.exit_code == 1
    assert f'watchlist.toml:{line}: error: commitment "lakeside-railway": deadline' in result.stderr


def test_check_prints_warnings_but_passes(watchlist_file: Path) -> None:
    text = watchlist_file.read_text().replace('aliases = ["Hill Pass"]', 'aliases = ["Hill Pass", "trade"]')
    watchlist_file.write_text(text)
    result = _run("check", str(watchlist_file))
    assert result.exit_code == 0 and "warning" in result.stderr and "generic" in result.stderr


def test_add_set_remove_round_trip(watchlist_file: Path) -> None:
    w = str(watchlist_file)
    added = _run(
        "add",
        "--title",
        "Weather watch",
        "--quote",
        "They noted the weather.",
        "--aliases",
        "Weather Pact, WP-1",
        "--deadline",
        "2027-01-31",
        "--watchlist",
        w,
    )
    assert added.exit_code == 0, added.output
    commitment = load_watchlist(watchlist_file).get("weather-watch")
    assert commitment is not None and commitment.aliases == ("Weather Pact", "WP-1")
    assert _run("set", "weather-watch", "tags", "climate, diplomacy", "--watchlist", w).exit_code == 0
    assert load_watchlist(watchlist_file).get("weather-watch").tags == ("climate", "diplomacy")  # type: ignore[union-attr]
    assert _run("remove", "weather-watch", "--watchlist", w).exit_code == 0
    assert load_watchlist(watchlist_file).get("weather-watch") is None


def test_edit_errors_are_messages_not_tracebacks(watchlist_file: Path) -> None:
    w = str(watchlist_file)
    for args in (
        ("set", "nope", "title", "x", "--watchlist", w),
        ("set", "hill-pass", "deadline", "tomorrow", "--watchlist", w),
        ("set", "hill-pass", "colour", "red", "--watchlist", w),
        ("remove", "nope", "--watchlist", w),
        ("add", "--title", "X", "--quote", "Not in the source.", "--watchlist", w),
        ("list", str(watchlist_file.parent / "absent.toml")),
    ):
        result = _run(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("error: ") and "Traceback" not in result.output


def test_a_bad_deadline_is_blamed_on_the_deadline_option(watchlist_file: Path) -> None:
    quote = "They noted the weather."
    result = _run("add", "--title", "X", "--quote", quote, "--deadline", "next year", "-w", str(watchlist_file))
    assert result.exit_code == 1
    assert "--deadline:" in result.stderr and "--date" not in result.stderr


def test_remove_takes_the_comment_above_the_pledge_with_it(watchlist_file: Path) -> None:
    assert _run("remove", "hill-pass", "--watchlist", str(watchlist_file)).exit_code == 0
    assert "# the crossing" not in watchlist_file.read_text(encoding="utf-8")


def test_remove_leaves_the_next_pledges_comment_above_it(watchlist_file: Path) -> None:
    assert _run("remove", "lakeside-railway", "--watchlist", str(watchlist_file)).exit_code == 0
    text = watchlist_file.read_text(encoding="utf-8")
    assert '# the crossing\n[[commitment]]\nid = "hill-pass"' in text


def test_add_leaves_a_blank_line_between_two_pledges(watchlist_file: Path) -> None:
    added = _run("add", "--title", "Weather watch", "--quote", "They noted the weather.", "-w", str(watchlist_file))
    assert added.exit_code == 0, added.output
    assert 'tags = ["trade"]\n\n[[commitment]]\nid = "weather-watch"' in watchlist_file.read_text(encoding="utf-8")


def test_the_source_title_of_a_statement_without_a_heading_names_its_parties(communique: Path) -> None:
    """The bundled communique opens with a sentence, not a heading: the title is not made of its file name."""
    result = _run("generate", str(communique), "--date", "2022-11-02")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["source"]["title"] == "China–Pakistan joint communique, November 2022"


def test_every_watchlist_command_uses_the_watchlist_of_the_config(
    watchlist_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a folder with no watchlist.toml, `--config` says which file to read and edit."""
    config = tmp_path / "config.toml"
    config.write_text(f'[watchlist]\npath = "{watchlist_file.name}"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    c = str(config)
    listed = _run("list", "--config", c)
    assert listed.exit_code == 0 and "hill-pass" in listed.stdout, listed.output
    assert _run("check", "--config", c).exit_code == 0
    added = _run("add", "--title", "Weather watch", "--quote", "They noted the weather.", "--config", c)
    assert added.exit_code == 0, added.output
    assert _run("set", "weather-watch", "tags", "climate", "--config", c).exit_code == 0
    assert load_watchlist(watchlist_file).get("weather-watch").tags == ("climate",)  # type: ignore[union-attr]
    assert _run("remove", "weather-watch", "--config", c).exit_code == 0
    assert load_watchlist(watchlist_file).get("weather-watch") is None
    assert not (elsewhere / "watchlist.toml").exists()


def test_add_with_a_kind_and_list_by_kind(watchlist_file: Path) -> None:
    w = str(watchlist_file)
    quote = "They noted the weather."
    added = _run("add", "--title", "Weather watch", "--quote", quote, "--kind", "mechanism", "-w", w)
    assert added.exit_code == 0, added.output
    commitment = load_watchlist(watchlist_file).get("weather-watch")
    assert commitment is not None and commitment.kind == Kind.MECHANISM
    listed = CliRunner().invoke(watchlist_app, ["list", w, "--kind", "mechanism"], terminal_width=200)
    rows = [line for line in listed.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 1 and "weather-watch" in rows[0] and "mechanism" in rows[0]


def test_an_unknown_kind_names_the_kinds(watchlist_file: Path) -> None:
    for args in (
        ("list", str(watchlist_file), "--kind", "promise"),
        ("add", "--title", "X", "--quote", "Y", "--kind", "promise", "-w", str(watchlist_file)),
    ):
        result = _run(*args)
        assert result.exit_code == 1
        assert (
            result.stderr.strip() == "error: --kind: expected pledge, position, mechanism or agreement (got 'promise')"
        )


def test_the_kinds_the_help_names_are_the_kinds_there_are() -> None:
    assert KIND_NAMES.replace(" or ", ", ").split(", ") == [kind.value for kind in Kind]
