"""Install telegram-test-api from the committed manifest into the git-ignored ``.test-deps``.

Run ``python -m tests.support.telegram.install`` before the suite (the fixtures also call
``ensure_installed``). The install is redone only when package-lock.json changes; a file
lock lets several pytest processes share one checkout.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

SUPPORT_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = SUPPORT_DIR.parents[2]
INSTALL_DIR = PROJECT_ROOT / ".test-deps" / "telegram"
MANIFESTS = ("package.json", "package-lock.json")
REQUIRE_NODE_ENV = "PLEDGEWATCH_REQUIRE_NODE"


class EmulatorUnavailable(RuntimeError):
    """node or npm is missing, or the emulator could not be installed or started."""


def node_modules() -> Path:
    return INSTALL_DIR / "node_modules"


def node_required() -> bool:
    return os.environ.get(REQUIRE_NODE_ENV, "") not in ("", "0")


def missing_tools() -> list[str]:
    return [tool for tool in ("node", "npm") if shutil.which(tool) is None]


def _lock_digest() -> str:
    return hashlib.sha256((SUPPORT_DIR / "package-lock.json").read_bytes()).hexdigest()


def ensure_installed() -> Path:
    """Return the node_modules folder holding telegram-test-api, running ``npm ci`` if needed."""
    missing = missing_tools()
    if missing:
        raise EmulatorUnavailable(f"{' and '.join(missing)} not found on PATH; the Telegram emulator needs Node.js")
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    stamp = INSTALL_DIR / ".installed-lock-sha256"
    with open(INSTALL_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        installed = (node_modules() / "telegram-test-api" / "package.json").exists()
        if installed and stamp.exists() and stamp.read_text() == _lock_digest():
            return node_modules()
        for name in MANIFESTS:
            shutil.copyfile(SUPPORT_DIR / name, INSTALL_DIR / name)
        command = ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]
        done = subprocess.run(command, cwd=INSTALL_DIR, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise EmulatorUnavailable(f"`npm ci` in {INSTALL_DIR} failed:\n{done.stderr.strip()}")
        stamp.write_text(_lock_digest())
    return node_modules()


def main() -> int:
    """Exit 0 when installed, or when node is absent and not required (the tests will skip)."""
    try:
        path = ensure_installed()
    except EmulatorUnavailable as error:
        print(f"telegram emulator: {error}", file=sys.stderr)
        return 1 if node_required() or not missing_tools() else 0
    print(f"telegram emulator: telegram-test-api installed in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
