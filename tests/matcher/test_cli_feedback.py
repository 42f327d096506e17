"""`pledgewatch feedback import|export` against a real SQLite file, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _config(tmp_path: Path) -> Path:
    shutil.copy(REPO / "watchlist.toml", tmp_path / "watchlist.toml")
    (tmp_path / "communiques").mkdir()
    shutil.copy(REPO / "communiques" / "pakistan-china-2022-11.txt", tmp_path / "communiques")
    config = tmp_path / "config.toml"
    config.write_text('[storage]\nurl = "sqlite:///feedback.db"\n\n[search]\nenabled = false\n', encoding="utf-8")
    return config


def _lines(path: Path, *verdicts: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(v) + "\n" for v in verdicts), encoding="utf-8")
    return path


KCR = {
    "title": "KCR revival approved",
    "summary": "Sindh says.",
    "commitment": "karachi-circular-railway",
    "relevant": True,
}
BRT = {"title": "Karachi BRT opens", "summary": "", "commitment": "karachi-circular-railway", "relevant": False}


def test_imported_verdicts_come_back_out_of_export(tmp_path: Path) -> None:
    config = _config(tmp_path)
    imported = runner.invoke(
        app, ["feedback", "import", str(_lines(tmp_path / "in.jsonl", KCR, BRT)), "--config", str(config)]
    )
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("2 verdicts imported")
    exported = runner.invoke(app, ["feedback", "export", "--config", str(config)])
    assert exported.exit_code == 0, exported.output
    assert [json.loads(line) for line in exported.stdout.splitlines()] == [KCR, BRT]


def test_a_file_naming_an_unknown_pledge_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    config = _config(tmp_path)
    wrong = {**KCR, "commitment": "kcr"}
    refused = runner.invoke(
        app, ["feedback", "import", str(_lines(tmp_path / "in.jsonl", KCR, wrong)), "--config", str(config)]
    )
    assert refused.exit_code == 2
    assert "no commitment 'kcr'" in refused.stderr and "nothing imported" in refused.stderr
    exported = runner.invoke(app, ["feedback", "export", "--config", str(config)])
    assert exported.stdout == ""
