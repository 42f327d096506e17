"""How long `pledgewatch` takes to start, against the cost of starting Python at all.

    .venv/bin/python benchmarks/cli_start.py [--runs 10]

Each command runs as a user runs it (the installed `pledgewatch` script, a new process each time) and is
timed from spawn to exit; the figure is the median of the runs. The baseline is `python -c pass` with the
same interpreter, timed in the same run, so the ratio says what pledgewatch adds to starting Python; a busy
machine moves both alike. `--help` is what must answer at once (the aim is ≤ 0.4 s): the commands import the
config, storage, feeds and matcher only when they run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
COMMANDS = (
    ("pledgewatch --help", [str(BIN / "pledgewatch"), "--help"]),
    ("pledgewatch watchlist --help", [str(BIN / "pledgewatch"), "watchlist", "--help"]),
    ("pledgewatch --version", [str(BIN / "pledgewatch"), "--version"]),
)
BASELINE = ("python -c pass", [sys.executable, "-c", "pass"])


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of `runs` runs of `command`, each a new process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    args = parser.parse_args()
    baseline = median_seconds(BASELINE[1], args.runs)
    print(f"{BASELINE[0]:<32} {baseline:6.3f} s  (baseline)")
    for name, command in COMMANDS:
        seconds = median_seconds(command, args.runs)
        print(f"{name:<32} {seconds:6.3f} s  {seconds / baseline:5.1f}× baseline")


if __name__ == "__main__":
    main()
