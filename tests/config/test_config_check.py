"""`pledgewatch config check` fails, one line per problem, on configs that load but that `run` could not use."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.conftest import REPO

WATCHLIST = f'[watchlist]\npath = "{REPO / "watchlist.toml"}"\n'
STORAGE = '[storage]\nurl = "sqlite:///pledgewatch.db"\n'


def _check(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "bot", "config", "check", "--config", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "sqlalche.me" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_a_config_run_can_use_is_ok(tmp_path: Path) -> None:
    result = _check(tmp_path, WATCHLIST + STORAGE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'config.toml'}: OK")
    assert not (tmp_path / "pledgewatch.db").exists()  # checked, not created


def test_a_missing_watchlist_is_named(tmp_path: Path) -> None:
    [error] = _errors(_check(tmp_path, STORAGE + '[watchlist]\npath = "pledges.toml"\n'))
    assert error == f"error: {tmp_path / 'config.toml'}: [watchlist] path: {tmp_path / 'pledges.toml'}: file not found"


def test_an_unsupported_database_is_named(tmp_path: Path) -> None:
    [error] = _errors(_check(tmp_path, WATCHLIST + '[storage]\nurl = "mysql://pw:s3cret@db.example/pledgewatch"\n'))
    assert "[storage] url:" in error and "only sqlite and postgresql are supported" in error
    assert "s3cret" not in error


def test_a_postgresql_database_that_does_not_exist_is_named_without_its_password(
    tmp_path: Path, postgres_url: str
) -> None:
    missing = make_url(postgres_url).set(database=f"absent_{secrets.token_hex(4)}", password="s3cret")
    url = missing.render_as_string(hide_password=False)
    [error] = _errors(_check(tmp_path, WATCHLIST + f'[storage]\nurl = "{url}"\n'))
    assert f"database '{missing.database}' does not exist: create it" in error
    assert "s3cret" not in error and "***" in error


def test_two_feeds_of_one_name_are_refused(tmp_path: Path) -> None:
    feeds = '[[feeds]]\nname = "Dawn"\nurl = "https://a.example/rss"\n[[feeds]]\nname = "Dawn"\nurl = "https://b.example/rss"\n'
    [error] = _errors(_check(tmp_path, WATCHLIST + STORAGE + feeds))
    assert "[[feeds]] #2 (Dawn): name already used by [[feeds]] #1" in error


def test_a_webhook_telegram_cannot_call_is_named(tmp_path: Path) -> None:
    telegram = '[telegram]\nwebhook_url = "http://bot.example.org/hook"\nwebhook_secret = "s"\n'
    [error] = _errors(_check(tmp_path, WATCHLIST + STORAGE + telegram))
    assert "[telegram] webhook_url: Telegram calls webhooks only at https:// URLs" in error


def test_an_http_webhook_is_fine_for_a_self_hosted_bot_api_server(tmp_path: Path) -> None:
    telegram = (
        '[telegram]\napi_base_url = "http://127.0.0.1:8081"\nwebhook_url = "http://127.0.0.1:8443/hook"\n'
        'webhook_secret = "s"\n'
    )
    assert _check(tmp_path, WATCHLIST + STORAGE + telegram).returncode == 0


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = '[watchlist]\npath = "absent.toml"\n[storage]\nurl = "sqlite:///no/such/folder/x.db"\n'
    assert len(_errors(_check(tmp_path, text))) == 2


def test_the_fast_polling_warning_comes_from_check_not_from_every_command(tmp_path: Path) -> None:
    check = _check(tmp_path, WATCHLIST + STORAGE + "[polling]\ninterval_seconds = 5\n")
    assert check.returncode == 0 and "warning: " in check.stderr and "interval_seconds = 5" in check.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "bot", "watchlist", "list", "--config", str(tmp_path / "config.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0 and listed.stderr == ""
