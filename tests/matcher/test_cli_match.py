"""`pledgewatch match` and `pledgewatch explain` as a user runs them (typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.cli.match import explain_command, match_command
from tests.matcher.small_watchlist import WATCHLIST
from watchlist import render_watchlist

app = typer.Typer()
app.command("match")(match_command)
app.command("explain")(explain_command)
runner = CliRunner()


@pytest.fixture
def watchlist_file(tmp_path: Path) -> Path:
    path = tmp_path / "watchlist.toml"
    path.write_text(render_watchlist(WATCHLIST), encoding="utf-8")
    return path


def _articles(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_match_writes_one_line_per_article_in_order(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(
        tmp_path,
        json.dumps({"id": "a", "title": "ML-1 financing signed", "summary": "", "link": "x", "published": None}),
        json.dumps({"id": "b", "title": "Local cricket results"}),
        json.dumps({"id": 3, "title": "JCC reviews ML-1 and the Karachi Circular Railway", "summary": None}),
    )
    result = runner.invoke(app, ["match", "--watchlist", str(watchlist_file), "--input", str(articles)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", 3]
    assert [m["commitment"] for m in lines[0]["matches"]] == ["ml-1"]
    assert lines[0]["matches"][0]["why"][0] == "alias: ML-1"
    assert 0.5 <= lines[0]["matches"][0]["score"] < 1
    assert lines[1]["matches"] == []
    assert {m["commitment"] for m in lines[2]["matches"]} == {"ml-1", "kcr"}


def test_match_reads_standard_input_with_dash(watchlist_file: Path) -> None:
    line = json.dumps({"id": "a", "title": "ML-1 financing signed"})
    result = runner.invoke(app, ["match", "-w", str(watchlist_file), "--input", "-"], input=line + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["matches"][0]["commitment"] == "ml-1"


def test_match_threshold_option_filters(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(tmp_path, json.dumps({"id": "a", "title": "ML-1 financing signed"}))
    result = runner.invoke(app, ["match", "-w", str(watchlist_file), "--input", str(articles), "--threshold", "0.99"])
    assert json.loads(result.stdout)["matches"] == []


def test_malformed_line_is_an_error_naming_the_line(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(tmp_path, json.dumps({"id": "a", "title": "ML-1"}), "", "{not json")
    result = runner.invoke(app, ["match", "-w", str(watchlist_file), "--input", str(articles)])
    assert result.exit_code == 2
    assert f"{articles}:3: not valid JSON" in result.stderr
    assert len(result.stdout.splitlines()) == 1, "lines before the bad one stay written"
    assert "Traceback" not in result.output


def test_article_without_a_title_is_an_error(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(tmp_path, json.dumps({"id": "a", "summary": "no title"}))
    result = runner.invoke(app, ["match", "-w", str(watchlist_file), "--input", str(articles)])
    assert result.exit_code == 2
    assert ":1: 'title' must be a string" in result.stderr


def test_missing_watchlist_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "-w", str(tmp_path / "none.toml"), "--input", "-"], input="")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'none.toml'}: file not found"


def test_explain_shows_every_pledge_best_first(watchlist_file: Path) -> None:
    result = runner.invoke(app, ["explain", "ML-1 financing signed", "-w", str(watchlist_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == len(WATCHLIST.commitments)
    assert "ml-1" in rows[0] and "alias: ML-1" in rows[0]


def test_explain_one_commitment(watchlist_file: Path) -> None:
    args = ["explain", "ML-1 financing signed", "-w", str(watchlist_file), "--commitment", "kcr"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 1 and "kcr" in rows[0] and "0.000" in rows[0]


def test_explain_unknown_commitment_is_an_error(watchlist_file: Path) -> None:
    result = runner.invoke(app, ["explain", "x", "-w", str(watchlist_file), "--commitment", "nope"])
    assert result.exit_code == 2
    assert "no commitment with id 'nope'" in result.stderr


def test_match_learns_first_from_a_feedback_file(tmp_path: Path, watchlist_file: Path) -> None:
    verdicts = [
        *(
            {
                "title": f"Pakistan and China discuss railway track works, round {n}",
                "summary": "",
                "commitment": "ml-1",
                "relevant": False,
            }
            for n in range(15)
        ),
        *(
            {
                "title": f"ML-1 railway financing signed, tranche {n}",
                "summary": "",
                "commitment": "ml-1",
                "relevant": True,
            }
            for n in range(15)
        ),
    ]
    feedback = _articles(tmp_path, *(json.dumps(v) for v in verdicts))
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "x", "title": "Pakistan and China discuss railway track works again"}) + "\n")
    plain = runner.invoke(app, ["match", "--watchlist", str(watchlist_file), "--input", str(articles), "--rules-only"])
    taught = runner.invoke(
        app,
        [
            "match",
            "--watchlist",
            str(watchlist_file),
            "--input",
            str(articles),
            "--rules-only",
            "--feedback",
            str(feedback),
        ],
    )
    assert [m["commitment"] for m in json.loads(plain.stdout)["matches"]] == ["ml-1"]
    assert json.loads(taught.stdout)["matches"] == []
    assert "30 verdicts, learned from 30 verdicts" in taught.stderr


def test_a_feedback_line_without_a_verdict_is_refused_with_its_line(tmp_path: Path, watchlist_file: Path) -> None:
    feedback = _articles(tmp_path, json.dumps({"title": "ML-1", "summary": "", "commitment": "ml-1"}))
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "x", "title": "ML-1"}) + "\n")
    result = runner.invoke(app, ["match", "-w", str(watchlist_file), "-i", str(articles), "--feedback", str(feedback)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {feedback}:1: 'relevant' must be true or false"


def test_an_article_without_an_id_is_refused(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(tmp_path, json.dumps({"title": "ML-1 financing signed"}))
    result = runner.invoke(app, ["match", "--watchlist", str(watchlist_file), "--input", str(articles)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {articles}:1: no 'id': each output line repeats its input's id"


def test_a_json_error_names_its_line_and_column(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(tmp_path, '{"id": 1, "title": "tab\there"}')
    result = runner.invoke(app, ["match", "--watchlist", str(watchlist_file), "--input", str(articles)])
    assert result.stderr.strip() == f"error: {articles}:1: not valid JSON (Invalid control character at column 24)"


def test_explain_refuses_an_empty_headline(watchlist_file: Path) -> None:
    result = runner.invoke(app, ["explain", "", "--watchlist", str(watchlist_file)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: explain: give a headline to score")


def test_match_output_carries_each_match_s_signal(tmp_path: Path, watchlist_file: Path) -> None:
    articles = _articles(
        tmp_path,
        json.dumps({"id": "step", "title": "ML-1 financing signed"}),
        json.dumps({"id": "talk", "title": "ML-1 financing will be signed next year"}),
    )
    result = runner.invoke(app, ["match", "--watchlist", str(watchlist_file), "--input", str(articles)])
    assert result.exit_code == 0, result.output
    step, talk = (json.loads(line)["matches"][0] for line in result.stdout.splitlines())
    assert (step["signal"], talk["signal"]) == ("progress", "mention")
    assert step["why"][-1] == "signal: progress — 'signed'"


def test_explain_uses_the_threshold_and_watchlist_of_the_config(tmp_path: Path, watchlist_file: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[watchlist]\npath = "{watchlist_file}"\n[matcher]\nthreshold = 0.8\n', encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["explain", "ML-1 financing signed", "--rules-only", "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    assert "a match needs ≥ 0.8" in result.stdout and "ml-1" in result.stdout
