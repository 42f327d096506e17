"""pledgewatch installed from the source tree the way a user does it (`pip install .`, no clone beside it) still
finds its defaults: config.example.toml, the shipped watchlist and the communique that watchlist quotes."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh virtual environment holding a built (non-editable) pledgewatch.

    Its dependencies come from this environment (a `.pth` file), so nothing but the build tools is downloaded.
    """
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(REPO)],
        check=True,
        capture_output=True,
    )
    return venv / "bin"


def _installed_cli(bin_folder: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_folder / "pledgewatch"), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_installed_package_is_not_the_clone(installed: Path, tmp_path: Path) -> None:
    found = subprocess.run(
        [str(installed / "python"), "-c", "import bot; print(bot.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not Path(found.strip()).is_relative_to(REPO)


def test_without_a_config_it_lists_and_checks_the_shipped_watchlist(installed: Path, tmp_path: Path) -> None:
    listed = _installed_cli(installed, tmp_path, "watchlist", "list")
    assert listed.returncode == 0, listed.stderr
    assert "ml-1-railway" in listed.stdout
    checked = _installed_cli(installed, tmp_path, "watchlist", "check")
    assert checked.returncode == 0, checked.stderr
    assert "no [source]" not in checked.stderr and "not found" not in checked.stderr  # the quotes were checked


def test_without_a_config_it_exports_the_example_s_outlets(installed: Path, tmp_path: Path) -> None:
    exported = _installed_cli(installed, tmp_path, "feeds", "export")
    assert exported.returncode == 0, exported.stderr
    assert "https://www.dawn.com/feeds/home" in exported.stdout


def test_without_a_config_the_database_is_made_in_the_current_folder(installed: Path, tmp_path: Path) -> None:
    upgraded = _installed_cli(installed, tmp_path, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "pledgewatch.db").is_file()
