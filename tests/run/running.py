"""`pledgewatch run` as a child process, the way an operator starts it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from tests.conftest import REPO
from tests.support.telegram.client import TelegramHarness


class RunningApp:
    """Starts `python -m bot run --config …`; logs go to a file the test can read afterwards."""

    def __init__(self, config: Path, log: Path, *extra: str) -> None:
        self.config = config
        self.log = log
        self.args = [sys.executable, "-m", "bot", "run", "--config", str(config), *extra]
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> RunningApp:
        env = {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_TELEGRAM_TOKEN"}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.args, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def kill(self) -> None:
        """SIGKILL: no chance to clean up, as in a crash or an OOM kill."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, timeout: float = 10, signum: signal.Signals = signal.SIGTERM) -> int:
        """SIGTERM (or `signum`: SIGINT is Ctrl-C) and the exit code, which must come within `timeout` seconds."""
        assert self.process is not None
        self.process.send_signal(signum)
        return self.process.wait(timeout=timeout)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def delivery_states(database: Path) -> dict[str, int]:
    """What the outbox holds, read straight from the SQLite file the app writes."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state").fetchall()
    return {state: count for state, count in rows}


def write_config(tmp_path: Path, telegram: TelegramHarness, *, telegram_extra: str = "", rest: str = "") -> Path:
    """A config for a bot on the fake Telegram: SQLite next to it, the shipped watchlist, no search feeds."""
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[telegram]
token = "{telegram.token}"
api_base_url = "{telegram.api_base_url}"
{telegram_extra}
[storage]
url = "sqlite:///pledgewatch.db"

[watchlist]
path = "{REPO / "watchlist.toml"}"

[search]
enabled = false
{rest}""",
        encoding="utf-8",
    )
    return path
