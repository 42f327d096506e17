"""How fast the matcher scores articles, against the cost of merely reading them.

    .venv/bin/python benchmarks/match.py [--articles 50000] [--seed 7]

Articles are synthesised from the labelled evaluation set (tests/data/matcher/eval.jsonl) with
deterministic variations — titles and summaries recombined across items, case changes, filler
sentences of ordinary news — so the mix of on-topic and off-topic text stays realistic. The
baseline is a bare lower-case + regex tokenisation of the same texts, timed in the same run, so
the ratio says how much the matcher costs beyond touching every word once. A last line says where
`match` spends its time: finding the terms (tokenising and the automaton scans), the rules weighing
what was found (`assess`), and the rest (the signal and the reasons of what is kept).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from matcher import Matcher, compile_matcher
from matcher._decide import assess
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
Item = TypeVar("Item")


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


def cpu_seconds(work: Callable[[Item], object], items: Sequence[Item]) -> float:
    """CPU time of `work` over all items, best of three passes.

    CPU time of this process, not wall time, so that other work on the machine does not count.
    """
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return best


def timed(label: str, work: Callable[[Article], object], articles: list[Article]) -> float:
    """Articles per second of CPU time for `work` over all articles."""
    rate = len(articles) / cpu_seconds(work, articles)
    print(f"{label:<28} {rate:>12,.0f} articles/s")
    return rate


def stages(matcher: Matcher, articles: list[Article], match_rate: float) -> None:
    """µs per article of each stage of `match`; reaches into the matcher's private stages, as a profile would."""
    index, compiled, threshold = matcher._compiled.index, matcher._compiled, matcher._threshold_units
    hits = [index.find(title, summary) for title, summary in articles]
    finding = cpu_seconds(lambda article: index.find(*article), articles) / len(articles) * 1e6
    weighing = cpu_seconds(lambda found: assess(compiled, found, threshold), hits) / len(articles) * 1e6
    rest = 1e6 / match_rate - finding - weighing
    print(f"per article: find {finding:.1f} µs, assess {weighing:.1f} µs, rest of match {rest:.1f} µs")


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
    stages(matcher, articles, matching)


if __name__ == "__main__":
    main()
