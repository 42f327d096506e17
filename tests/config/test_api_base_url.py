"""`[telegram] api_base_url` as people write it: the server's root, or python-telegram-bot's `…/bot`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config


def _api_base_url(tmp_path: Path, written: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(f'[telegram]\napi_base_url = "{written}"\n', encoding="utf-8")
    return load_config(path).telegram.api_base_url


@pytest.mark.parametrize(
    "written",
    ["http://localhost:8081", "http://localhost:8081/", "http://localhost:8081/bot", "http://localhost:8081/bot/"],
)
def test_the_root_and_the_bot_form_name_the_same_server(tmp_path: Path, written: str) -> None:
    assert _api_base_url(tmp_path, written) == "http://localhost:8081"


def test_a_server_behind_a_path_keeps_its_path(tmp_path: Path) -> None:
    assert _api_base_url(tmp_path, "https://gateway.example/telegram/bot") == "https://gateway.example/telegram"


def test_a_path_that_merely_ends_in_bot_is_left_alone(tmp_path: Path) -> None:
    assert _api_base_url(tmp_path, "https://gateway.example/robot") == "https://gateway.example/robot"
