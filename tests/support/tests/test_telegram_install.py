"""Without Node.js the emulator is reported unavailable, and the installer says so without failing."""

from __future__ import annotations

import pytest

from tests.support.telegram import install
from tests.support.telegram.install import REQUIRE_NODE_ENV, EmulatorUnavailable, ensure_installed


def test_missing_node_is_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EmulatorUnavailable, match="node and npm not found on PATH"):
        ensure_installed()


def test_installer_exits_0_without_node_unless_required(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv(REQUIRE_NODE_ENV, raising=False)
    assert install.main() == 0
    assert "node and npm not found" in capsys.readouterr().err
    monkeypatch.setenv(REQUIRE_NODE_ENV, "1")
    assert install.main() == 1


@pytest.mark.usefixtures("telegram_emulator")
def test_installed_package_is_the_pinned_version() -> None:
    package = ensure_installed() / "telegram-test-api" / "package.json"
    assert '"version": "4.2.1"' in package.read_text()
