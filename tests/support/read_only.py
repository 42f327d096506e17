"""Running a command on a folder it cannot write, the way a backup, a read-only mount or another user's files are."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def run_read_only(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run `args` (in `folder`) while neither `folder` nor its files can be written.

    Permissions do not stop root, so as root the folder is mounted read-only for the command alone, in a mount
    namespace of its own (util-linux `unshare`); anyone else gets the write permissions taken away meanwhile.
    """
    if os.geteuid() != 0:
        return _without_write_permission(folder, args)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without util-linux unshare: no way to make a folder read-only for root")
    script = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'
    result = _run(["unshare", "--mount", "sh", "-c", script, "sh", str(folder), *args], folder)
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot mount a folder read-only here: {result.stderr.strip()}")
    return result


def _without_write_permission(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    paths = [folder, *folder.iterdir()]
    modes = {path: path.stat().st_mode for path in paths}
    for path in paths:
        path.chmod(modes[path] & 0o555)
    try:
        return _run(args, folder)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def _run(args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=folder, capture_output=True, text=True, check=False)
