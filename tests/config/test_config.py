"""Config loading: good files load, and each kind of bad file gives one clear line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import TOKEN_ENVIRONMENT_VARIABLE, ConfigError, describe_settings, load_config
from tests.conftest import REPO


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, text))
    return str(caught.value)


def test_the_shipped_example_is_valid_and_polls_outlets() -> None:
    config = load_config(REPO / "config.example.toml")
    assert config.feeds and all(feed.url.startswith("https://") for feed in config.feeds)
    assert config.watchlist.path == REPO / "watchlist.toml"
    assert config.storage.url == f"sqlite:///{REPO / 'pledgewatch.db'}"
    assert config.token is None


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, '[watchlist]\npath = "w/pledges.toml"\n[storage]\nurl = "sqlite:///x.db"\n'))
    assert config.watchlist.path == tmp_path / "w" / "pledges.toml"
    assert config.storage.url == f"sqlite:///{tmp_path / 'x.db'}"


def test_postgres_urls_are_left_alone(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, '[storage]\nurl = "postgresql://pw@db/pledgewatch"\n'))
    assert config.storage.url == "postgresql://pw@db/pledgewatch"


def test_environment_token_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENVIRONMENT_VARIABLE, "123:from-env")
    assert load_config(_write(tmp_path, '[telegram]\ntoken = "123:from-file"\n')).token == "123:from-env"


def test_short_intervals_load_with_a_warning(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "[polling]\ninterval_seconds = 5\n"))
    assert config.polling.interval_seconds == 5
    assert any("interval_seconds = 5" in warning for warning in config.warnings)


def test_wrong_type_names_file_key_and_value(tmp_path: Path) -> None:
    message = _error(tmp_path, '[polling]\ninterval_seconds = "often"\n')
    assert (
        message == f'{tmp_path / "config.toml"}: [polling] interval_seconds: expected a number of seconds, got "often"'
    )


def test_unknown_key_suggests_the_near_one(tmp_path: Path) -> None:
    message = _error(tmp_path, "[polling]\ninterval_secs = 60\n")
    assert "[polling] interval_secs: unknown key (did you mean 'interval_seconds'?)" in message


def test_unknown_section_suggests_the_near_one(tmp_path: Path) -> None:
    assert "[telegarm]: unknown key (did you mean 'telegram'?)" in _error(tmp_path, '[telegarm]\ntoken = "x"\n')


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nowhere\.toml: file not found"):
        load_config(tmp_path / "nowhere.toml")


def test_invalid_toml_gives_its_line(tmp_path: Path) -> None:
    assert "invalid TOML" in (message := _error(tmp_path, "[polling]\ninterval_seconds = 60\nconcurrency = = 3\n"))
    assert "line 3" in message


def test_negative_interval(tmp_path: Path) -> None:
    message = _error(tmp_path, "[polling]\ninterval_seconds = -5\n")
    assert "[polling] interval_seconds: input should be greater than or equal to 1 (got -5)" in message


def test_malformed_feed_url_names_the_feed(tmp_path: Path) -> None:
    message = _error(
        tmp_path,
        '[[feeds]]\nname = "ok"\nurl = "https://a.example/x"\n[[feeds]]\nname = "Dawn"\nurl = "dawn.com/rss"\n',
    )
    assert "[[feeds]] #2 (Dawn) url: must be an http:// or https:// URL (got 'dawn.com/rss')" in message


def test_threshold_out_of_range(tmp_path: Path) -> None:
    assert "[matcher] threshold: input should be less than or equal to 1 (got 3)" in _error(
        tmp_path, "[matcher]\nthreshold = 3\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        '[polling]\ninterval_seconds = "often"\n',
        "[polling]\ninterval_secs = 60\n",
        "[polling\n",
        "[[feeds]]\nurl = 3\n",
    ],
)
def test_cli_reports_bad_configs_in_one_line_without_traceback(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "config", "check", "--config", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: ")


def test_cli_check_masks_the_token(tmp_path: Path) -> None:
    watchlist = f'[watchlist]\npath = "{REPO / "watchlist.toml"}"\n'  # `config check` reads it
    path = _write(tmp_path, '[telegram]\ntoken = "123456:SECRET-token"\n' + watchlist)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "config", "check", "--config", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "SECRET" not in result.stdout + result.stderr
    assert '"token": "********"' in result.stdout


def test_check_masks_the_database_password(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, '[storage]\nurl = "postgresql://pledgewatch:s3cret@db.example/pw"\n'))
    assert describe_settings(config)["storage"]["url"] == "postgresql://pledgewatch:***@db.example/pw"


def test_webhook_secret_must_be_what_telegram_accepts(tmp_path: Path) -> None:
    message = _error(tmp_path, '[telegram]\nwebhook_url = "https://bot.example/hook"\nwebhook_secret = "a b!"\n')
    assert "[telegram] webhook_secret: only A-Z, a-z, 0-9, _ and - are allowed, 1 to 256 characters" in message


def test_a_webhook_without_secret_loads_with_a_warning(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, '[telegram]\nwebhook_url = "https://bot.example/hook"\n'))
    assert any("webhook_url without webhook_secret" in warning for warning in config.warnings)
