"""What rebuilding the tracker site costs, against the cost of merely reading its evidence from storage.

    .venv/bin/python benchmarks/tracker_page.py [--articles 20000] [--database sqlite:///x.db]

`run` with `[report] html_dir` rebuilds the site after every poll round, so this says whether that is
affordable: a database holding N matched articles spread over two years and over every pledge of the
shipped watchlist (a quarter progress, a tenth setback, the rest mentions, several outlets per story)
is read and judged (`load_statuses`), rendered (`render_site`) and written twice — a first write, and
an unchanged rewrite that compares and writes nothing, which is what most rounds do. The baseline is
the bare evidence query (`storage.evidence`) in the same run, so the ratios say what judging,
rendering and writing cost beyond reading the rows. Each phase is the best of three runs, wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.site import write_pages
from bot.statuses import load_statuses
from feeds import Article
from report import render_site
from storage import Database, MatchRecord, evidence, insert_articles, insert_matches, upgrade
from watchlist import Watchlist, load_watchlist

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
OUTLETS = ("Dawn", "The Express Tribune", "Business Recorder", "APP", "Global Times")
SIGNALS = ("progress",) * 5 + ("setback",) * 2 + ("mention",) * 13


async def fill(database: Database, watchlist: Watchlist, articles: int, seed: int) -> None:
    """`articles` matched articles, stories of one to three outlets, published over the last two years."""
    rng = random.Random(seed)
    ids = [c.id for c in watchlist.commitments]
    made = 0
    async with database.transaction() as connection:
        while made < articles:
            batch = []
            for _ in range(min(500, articles - made)):
                published = NOW - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
                title = f"Report {made} on {rng.choice(ids).replace('-', ' ')}"
                batch.append(
                    Article(
                        f"bench-{made}",
                        None,
                        f"https://news.example/{made}",
                        title,
                        "",
                        published,
                        hashlib.sha256(title.encode()).hexdigest(),
                        rng.choice(OUTLETS),
                    )
                )
                made += 1
            stored = await insert_articles(connection, [(a, None) for a in batch], feed_id=None, first_seen=NOW)
            pairs = [(row.id, MatchRecord(rng.choice(ids), 0.8, (), rng.choice(SIGNALS))) for row in stored]
            await insert_matches(connection, pairs)


async def best_of_three(work: Callable[[], Awaitable[object]]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        await work()
        best = min(best, time.perf_counter() - start)
    return best


async def measure(database: Database, watchlist: Watchlist, folder: Path) -> None:
    async def read_rows() -> object:
        async with database.transaction() as connection:
            return await evidence(connection)

    async def judge() -> object:
        async with database.transaction() as connection:
            return await load_statuses(connection, watchlist, NOW)

    async with database.transaction() as connection:
        statuses = await load_statuses(connection, watchlist, NOW)

    async def render() -> object:
        return render_site(statuses, watchlist.source, NOW)

    pages = render_site(statuses, watchlist.source, NOW)

    async def first_write() -> object:
        for page in folder.glob("*.html"):
            page.unlink()
        return write_pages(folder, pages)

    async def unchanged_write() -> object:
        return write_pages(folder, pages)

    baseline = await best_of_three(read_rows)
    print(f"{'evidence query (baseline)':<34} {baseline * 1000:>9.1f} ms")
    phases = [
        ("read and judge (load_statuses)", judge),
        ("render every page", render),
        ("write every page", first_write),
        ("rewrite, nothing changed", unchanged_write),
    ]
    total_round = 0.0
    for label, work in phases:
        took = await best_of_three(work)
        if label != "write every page":
            total_round += took
        print(f"{label:<34} {took * 1000:>9.1f} ms   {took / baseline:>6.2f} × baseline")
    size = sum(len(text.encode()) for text in pages.values())
    print(f"{'one rebuild in run':<34} {total_round * 1000:>9.1f} ms   (judge + render + compare)")
    print(f"site: {len(pages)} pages, {size / 1_000_000:.2f} MB")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database", help="a database URL (default: a SQLite file in a temporary folder)")
    parser.add_argument("--watchlist", type=Path, default=REPO / "watchlist.toml")
    options = parser.parse_args()
    watchlist = load_watchlist(options.watchlist)
    with tempfile.TemporaryDirectory() as temporary:
        database = Database.open(options.database or f"sqlite:///{temporary}/bench.db")
        try:
            await upgrade(database)
            await fill(database, watchlist, options.articles, options.seed)
            print(f"{options.articles:,} matched articles, {len(watchlist.commitments)} pledges, {database.dialect}")
            await measure(database, watchlist, Path(temporary) / "site")
        finally:
            await database.close()


if __name__ == "__main__":
    asyncio.run(main())
