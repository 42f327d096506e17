"""Make Debian's Chromium available to the page tests, installing it with apt-get when this is allowed.

Run ``python -m tests.support.browser.install`` before the suite (scripts/test does). Chromium comes
from the system's packages, not from Playwright's own download (which needs a host this project
cannot reach); Playwright drives it by path. Without root or apt-get the tests skip with the reason,
unless ``PLEDGEWATCH_REQUIRE_CHROMIUM=1`` (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REQUIRE_CHROMIUM_ENV = "PLEDGEWATCH_REQUIRE_CHROMIUM"
CHROMIUM_ENV = "PLEDGEWATCH_CHROMIUM"
DEBIAN_PACKAGE = "chromium"


class BrowserUnavailable(RuntimeError):
    """Chromium or Playwright is missing and could not be installed."""


def chromium_required() -> bool:
    return os.environ.get(REQUIRE_CHROMIUM_ENV, "") not in ("", "0")


def chromium_path() -> Path | None:
    """`$PLEDGEWATCH_CHROMIUM`, else `chromium` on PATH."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    found = shutil.which("chromium")
    return Path(found) if found else None


def _apt_get(*args: str) -> None:
    command = ["apt-get", *args]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise BrowserUnavailable(f"`{' '.join(command)}` failed:\n{tail}")


def ensure_chromium() -> Path:
    """The Chromium executable, installed from Debian's packages first when missing and possible."""
    found = chromium_path()
    if found is not None:
        return found
    if os.environ.get(CHROMIUM_ENV):
        raise BrowserUnavailable(f"{CHROMIUM_ENV}={os.environ[CHROMIUM_ENV]} is not a file")
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise BrowserUnavailable(f"chromium not found on PATH; install the Debian package `{DEBIAN_PACKAGE}` (as root)")
    _apt_get("update", "-qq")
    _apt_get("install", "-y", "-qq", DEBIAN_PACKAGE)
    found = chromium_path()
    if found is None:
        raise BrowserUnavailable(f"apt-get installed `{DEBIAN_PACKAGE}` but no chromium is on PATH")
    return found


def main() -> int:
    """Exit 0 when Chromium is there, or when it is missing and not required (the page tests will skip)."""
    try:
        path = ensure_chromium()
    except BrowserUnavailable as error:
        print(f"chromium: {error}", file=sys.stderr)
        return 1 if chromium_required() else 0
    print(f"chromium: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
