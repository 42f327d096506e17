"""How fast the matcher scores articles, against the cost of merely reading them.

    .venv/bin/python benchmarks/match.py [--articles 50000] [--seed 7]

Articles are synthesised from the labelled evaluation set (tests/data/matcher/eval.jsonl) with
deterministic variations — titles and summaries recombined across items, case changes, filler
sentences of ordinary news — so the mix of on-topic and off-topic text stays realistic. The
baseline is a bare lower-case + regex tokenisation of the same texts, timed in the same run, so
the ratio says how much the matcher costs beyond touching every word once.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from matcher import compile_matcher
from watchlist import load_watchlist

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "tests" / "data" / "matcher" / "eval.jsonl"
FILLER = (
    "Officials declined to comment further.",
    "The statement was issued late on Tuesday.",
    "Markets closed slightly higher on the day.",
    "More details are expected next week.",
    "The report cited people familiar with the matter.",
)
_BASELINE_TOKEN = re.compile(r"\w+")

Article = tuple[str, str]


def synthesise(count: int, seed: int) -> list[Article]:
    """`count` articles built from the evaluation set; the same seed gives the same articles."""
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        row = rng.choice(rows)
        title = row["title"]
        summary = rng.choice(rows)["summary"] if rng.random() < 0.3 else row["summary"]
        if rng.random() < 0.2:
            title = title.upper() if rng.random() < 0.5 else title.lower()
        if rng.random() < 0.5:
            summary = f"{summary} {rng.choice(FILLER)}"
        articles.append((title, summary))
    return articles


def timed(label: str, work: Callable[[Article], object], articles: list[Article]) -> float:
    """Articles per second of CPU time for `work` over all articles (best of three passes).

    CPU time of this process, not wall time, so that other work on the machine does not count.
    """
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for article in articles:
            work(article)
        best = min(best, time.process_time() - start)
    rate = len(articles) / best
    print(f"{label:<28} {rate:>12,.0f} articles/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--watchlist", type=Path, default=REPO / "watchlist.toml")
    options = parser.parse_args()

    watchlist = load_watchlist(options.watchlist)
    start = time.perf_counter()
    matcher = compile_matcher(watchlist)
    compile_ms = (time.perf_counter() - start) * 1000
    articles = synthesise(options.articles, options.seed)
    print(f"{len(articles):,} articles, {len(watchlist.commitments)} pledges, compiled in {compile_ms:.1f} ms")

    def tokenise(article: Article) -> object:
        return (_BASELINE_TOKEN.findall(article[0].lower()), _BASELINE_TOKEN.findall(article[1].lower()))

    def match(article: Article) -> object:
        return matcher.match(article[0], article[1])

    baseline = timed("baseline (lower + regex)", tokenise, articles)
    matching = timed("matcher.match", match, articles)
    linked = sum(1 for article in articles if matcher.match(*article))
    print(f"matcher is {baseline / matching:.1f}x the cost of bare tokenisation; {linked:,} articles matched")


if __name__ == "__main__":
    main()
