"""`pledgewatch match` and `pledgewatch explain`: the matcher from the command line.

`match` is the batch contract of DESIGN.md: JSON lines of articles in, one JSON line of matches
out per article, in order. A malformed input line stops the run with an error naming its line
number (exit code 2): output must stay aligned one-to-one with input, so skipping a line
silently is not an option, and lines already written stay valid.

`explain` is what a user runs when an alert surprised them or never came: every pledge's
score and the terms behind it, best first.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.cli.common import fail
from matcher import DEFAULT_THRESHOLD, Match, Matcher, compile_matcher
from watchlist import Watchlist, WatchlistError, load_watchlist

DEFAULT_WATCHLIST = Path("watchlist.toml")

WatchlistPath = Annotated[Path, typer.Option("--watchlist", "-w", help="Watchlist file (default: ./watchlist.toml).")]
Threshold = Annotated[
    float,
    typer.Option("--threshold", "-t", min=0.0, max=1.0, help="Lowest score that counts as a match."),
]


class BadArticle(ValueError):
    """An input line that is not an article; the message names the line."""


def match_command(
    input_path: Annotated[
        str, typer.Option("--input", "-i", help="JSON lines of {id, title, summary, ...}; '-' for stdin.")
    ],
    watchlist: WatchlistPath = DEFAULT_WATCHLIST,
    threshold: Threshold = DEFAULT_THRESHOLD,
) -> None:
    """Link each article to the pledges it is about: one JSON line out per line in."""
    matcher = compile_matcher(_load(watchlist), threshold)
    name = "<stdin>" if input_path == "-" else input_path
    try:
        if input_path == "-":
            _match_lines(matcher, sys.stdin, name, sys.stdout)
        else:
            with Path(input_path).open(encoding="utf-8") as lines:
                _match_lines(matcher, lines, name, sys.stdout)
    except BadArticle as error:
        fail(str(error))
    except UnicodeDecodeError as error:
        fail(f"{name}: not UTF-8 text (byte {error.start})")
    except OSError as error:
        fail(f"{name}: cannot read: {error.strerror}")


def explain_command(
    text: Annotated[str, typer.Argument(help="A headline, or any text, scored as an article title.")],
    summary: Annotated[str, typer.Option("--summary", "-s", help="Optional article summary.")] = "",
    commitment: Annotated[str | None, typer.Option("--commitment", help="Show only this pledge (its id).")] = None,
    watchlist: WatchlistPath = DEFAULT_WATCHLIST,
) -> None:
    """Show every pledge's score for TEXT and the terms behind it, best first."""
    loaded = _load(watchlist)
    matcher = compile_matcher(loaded)
    scored = matcher.explain(text, summary)
    if commitment is not None:
        scored = [m for m in scored if m.commitment == commitment]
        if not scored:
            fail(f"{watchlist}: no commitment with id {commitment!r}")
    Console().print(_table(scored, loaded, matcher.threshold))


def _load(path: Path) -> Watchlist:
    try:
        return load_watchlist(path)
    except WatchlistError as error:
        fail(str(error))


def _match_lines(matcher: Matcher, lines: Iterable[str], name: str, out: TextIO) -> None:
    for article in _articles(lines, name):
        matches = matcher.match(article["title"], article["summary"])
        out.write(json.dumps({"id": article["id"], "matches": [_as_json(m) for m in matches]}) + "\n")


def _articles(lines: Iterable[str], name: str) -> Iterator[dict[str, Any]]:
    """Each non-blank line as an article with a string title and summary; BadArticle otherwise."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as error:
            raise BadArticle(f"{name}:{number}: not valid JSON ({error.msg})") from None
        if not isinstance(article, dict):
            raise BadArticle(f"{name}:{number}: expected a JSON object, got {type(article).__name__}")
        title, summary = article.get("title"), article.get("summary") or ""
        if not isinstance(title, str) or not isinstance(summary, str):
            raise BadArticle(f"{name}:{number}: 'title' must be a string and 'summary' a string or null")
        yield {"id": article.get("id"), "title": title, "summary": summary}


def _as_json(match: Match) -> dict[str, Any]:
    return {"commitment": match.commitment, "score": round(match.score, 3), "why": list(match.why)}


def _table(scored: list[Match], watchlist: Watchlist, threshold: float) -> Table:
    titles = watchlist.titles()
    table = Table(title=f"Scores (a match needs ≥ {threshold:g})")
    for column in ("score", "pledge", "title", "why"):
        table.add_column(column, overflow="fold")
    for match in scored:
        style = "bold green" if match.score >= threshold else ("dim" if match.score == 0 else "")
        table.add_row(
            f"{match.score:.3f}",
            escape(match.commitment),
            escape(titles.get(match.commitment, "")),
            escape(", ".join(match.why)),
            style=style,
        )
    return table
