"""Launch telegram-test-api (node) on 127.0.0.1 and stop it cleanly.

The node process picks its own port and reports it (``READY <port>``), so there is no
window in which another process can take a port we chose. It exits when its stdin
closes, so it dies with the Python process that started it, even on SIGKILL.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import tempfile
import time
from typing import IO

from tests.support.telegram.install import SUPPORT_DIR, EmulatorUnavailable, ensure_installed

START_TIMEOUT_SECONDS = 20.0
STORE_TIMEOUT_SECONDS = 6 * 3600


def _read_ready_line(stdout: IO[bytes], deadline: float) -> str:
    """Read the first stdout line without blocking past the deadline."""
    line = b""
    with selectors.DefaultSelector() as selector:
        selector.register(stdout, selectors.EVENT_READ)
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                break
            chunk = os.read(stdout.fileno(), 256)
            if not chunk:
                break
            line += chunk
    return line.decode("utf-8", "replace").strip()


class EmulatorProcess:
    """One telegram-test-api server; ``url`` is its root (bot API under /bot<token>/, client API at /)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> EmulatorProcess:
        modules = ensure_installed()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the node process
        self._process = subprocess.Popen(
            ["node", str(SUPPORT_DIR / "start.js"), str(STORE_TIMEOUT_SECONDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env={**os.environ, "NODE_PATH": str(modules)},
        )
        assert self._process.stdout is not None
        ready = _read_ready_line(self._process.stdout, time.monotonic() + START_TIMEOUT_SECONDS)
        if not ready.startswith("READY "):
            details = self._stderr_text()
            self.stop()
            raise EmulatorUnavailable(f"telegram-test-api did not start (stdout {ready!r}): {details}")
        self.port = int(ready.split()[1])
        return self

    def _stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace").strip()

    def stop(self) -> None:
        """Close stdin (the script's signal to stop), then escalate if it lingers."""
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            if process.stdout is not None:
                process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
