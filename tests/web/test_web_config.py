"""`[web] listen, port`: off by default, and each mistake named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from tests.conftest import REPO


def _load(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value).removeprefix(f"{path}: ")


def test_the_server_is_off_unless_a_port_is_set(tmp_path: Path) -> None:
    assert not load_config(REPO / "config.example.toml").web.enabled
    path = tmp_path / "config.toml"
    path.write_text('[web]\nlisten = "0.0.0.0"\nport = 9464\n', encoding="utf-8")
    web = load_config(path).web
    assert web.enabled and (web.listen, web.port) == ("0.0.0.0", 9464)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[web]\nport = 70000\n", "[web] port: input should be less than or equal to 65535 (got 70000)"),
        ("[web]\nport = 80.5\n", "[web] port: expected a whole number, got 80.5"),
        (
            '[web]\nlisten = "http://0.0.0.0"\nport = 8080\n',
            "[web] listen: expected an address such as 127.0.0.1, 0.0.0.0 or ::, got 'http://0.0.0.0'",
        ),
        ("[web]\nprt = 8080\n", "[web] prt: unknown key (did you mean 'port'?)"),
        (
            '[telegram]\nwebhook_url = "https://bot.example.org/t"\nwebhook_secret = "s"\nwebhook_port = 8443\n'
            "[web]\nport = 8443\n",
            "[web] port 8443 is also [telegram] webhook_port: give each its own port",
        ),
    ],
)
def test_a_mistake_is_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    assert _load(tmp_path, text) == message


@pytest.mark.parametrize("listen", ["::", "::1", "localhost", "pledgewatch.internal"])
def test_addresses_and_host_names_are_accepted(tmp_path: Path, listen: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[web]\nlisten = "{listen}"\n', encoding="utf-8")
    assert load_config(path).web.listen == listen
