"""What the semantic stage costs: embedding speed on one core, start-up time, added memory.

    .venv/bin/python benchmarks/semantic.py [--articles 1000] [--batch-sizes 1,8,32] [--model-dir DIR]

Articles are the development news corpus (tests/data/news/news.jsonl, real titles and summaries),
repeated to the requested count; each is embedded as "title. summary", as the matcher will. The
model runs on one core: onnxruntime with one intra-op thread and the tokenizer's own parallelism
off, and speed is articles per second of CPU time of this process (best of three passes), so other
work on the machine does not count. The baseline is the rule matcher on the same articles, timed in
the same run. Start-up is the wall time of `Embedder.load` in a process that has not yet imported
onnxruntime; memory is the resident set added by loading the model and by embedding (measured
before the optional batch-size sweep).

Targets (issue 13): at least 200 articles/s, at most 300 MB more memory, start-up within 3 s.
"""

from __future__ import annotations

import os

os.environ["TOKENIZERS_PARALLELISM"] = "false"  # before tokenizers is imported: one core means one core

import argparse
import itertools
import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bot.config import DEFAULT_MODEL_DIR
from matcher import compile_matcher
from matcher.semantic import DEFAULT_BATCH_SIZE, Embedder, ModelUnavailable
from watchlist import load_watchlist

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / "tests" / "data" / "news" / "news.jsonl"
TARGET_RATE, TARGET_ADDED_MB, TARGET_START_SECONDS = 200, 300, 3.0

Article = tuple[str, str]


def load_articles(count: int) -> list[Article]:
    rows = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["title"], row.get("summary") or "") for row in itertools.islice(itertools.cycle(rows), count)]


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def cpu_rate(label: str, work: Callable[[], object], count: int) -> float:
    """Articles per second of CPU time for `work` (best of three passes)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    rate = count / best
    print(f"{label:<34} {rate:>10,.1f} articles/s")
    return rate


def verdict(ok: bool) -> str:
    return "meets the target" if ok else "MISSES the target"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-sizes", default="", help="also time these texts per encoder run, e.g. 1,8,32")
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--watchlist", type=Path, default=REPO / "watchlist.toml")
    options = parser.parse_args()
    articles = load_articles(options.articles)
    texts = [f"{title}. {summary}" for title, summary in articles]
    matcher = compile_matcher(load_watchlist(options.watchlist))

    before_mb = memory_mb("VmRSS")
    start = time.perf_counter()
    embedder = Embedder.load(options.model_dir, threads=1)
    start_seconds = time.perf_counter() - start
    if isinstance(embedder, ModelUnavailable):
        raise SystemExit(f"{embedder.reason}: run .venv/bin/pledgewatch model fetch")
    loaded_mb = memory_mb("VmRSS") - before_mb
    print(f"{len(texts):,} articles from {NEWS.name}; model loaded in {start_seconds:.2f} s (imports included)")

    baseline = cpu_rate("baseline: rule matcher", lambda: [matcher.match(*article) for article in articles], len(texts))
    rate = cpu_rate(f"semantic: embed, batches of {DEFAULT_BATCH_SIZE}", partial(embedder.embed, texts), len(texts))
    peak_mb = memory_mb("VmHWM") - before_mb
    for size in (int(part) for part in options.batch_sizes.split(",") if part):
        sized = Embedder.load(options.model_dir, threads=1, batch_size=size)
        assert isinstance(sized, Embedder)
        cpu_rate(f"semantic: embed, batches of {size}", partial(sized.embed, texts), len(texts))

    print(f"semantic stage costs {baseline / rate:,.0f}x the rule matcher per article")
    print(f"speed:    {rate:,.1f} articles/s on one core — {verdict(rate >= TARGET_RATE)} (≥ {TARGET_RATE})")
    print(
        f"memory:   +{loaded_mb:.0f} MB loaded, +{peak_mb:.0f} MB at peak while embedding — "
        f"{verdict(peak_mb <= TARGET_ADDED_MB)} (≤ {TARGET_ADDED_MB} MB)"
    )
    fast_enough = start_seconds <= TARGET_START_SECONDS
    print(f"start-up: {start_seconds:.2f} s — {verdict(fast_enough)} (≤ {TARGET_START_SECONDS} s)")


if __name__ == "__main__":
    main()
