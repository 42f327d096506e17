"""`pledgewatch match` and `pledgewatch explain`: the matcher from the command line, as `run` configures it.

`match` is the batch contract of DESIGN.md: JSON lines of articles in, one JSON line of matches
out per article, in order. A malformed input line stops the run with an error naming its line
number (exit code 2): output must stay aligned one-to-one with input, so skipping a line
silently is not an option, and lines already written stay valid. With `--feedback`, it first
learns from readers' verdicts (the format of `feedback export`), so learning can be measured here.

`explain` is what a user runs when an alert surprised them or never came: every pledge's
score and the terms and rules behind it, best first.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from bot.cli.common import ConfigOption, fail, load_or_fail, read_jsonl

if TYPE_CHECKING:
    from rich.table import Table

    from bot.config import Config
    from matcher import Feedback, Match, Matcher
    from watchlist import Watchlist

BATCH = 64
"""Articles matched together: the semantic stage embeds a batch in one run of its model."""

WatchlistPath = Annotated[
    Path | None, typer.Option("--watchlist", "-w", help="Watchlist file (default: \\[watchlist] path of the config).")
]
Threshold = Annotated[
    float | None,
    typer.Option(
        "--threshold", "-t", min=0.0, max=0.99, help="Lowest score that counts (default: \\[matcher] threshold)."
    ),
]
RulesOnly = Annotated[bool, typer.Option("--rules-only", help="Leave the semantic stage out, even when installed.")]


class BadLine(ValueError):
    """An input line that cannot be used; the message names the file and line."""


def match_command(
    input_path: Annotated[
        str, typer.Option("--input", "-i", help="JSON lines of {id, title, summary, ...}; '-' for stdin.")
    ],
    feedback: Annotated[
        Path | None,
        typer.Option(
            "--feedback", help="Learn first from verdicts: JSON lines {title, summary, commitment, relevant}."
        ),
    ] = None,
    watchlist: WatchlistPath = None,
    threshold: Threshold = None,
    rules_only: RulesOnly = False,
    config: ConfigOption = None,
) -> None:
    """Link each article to the pledges it is about: one JSON line out per line in."""
    loaded = load_or_fail(config)
    matcher = _matcher(loaded, watchlist, threshold, rules_only)
    if feedback is not None:
        verdicts = _read(feedback, lambda lines, name: list(feedback_lines(lines, name)))
        matcher = matcher.with_model(matcher.learn(verdicts))
        learned = f"learned from {matcher.model.size} verdicts" if matcher.model else "too few verdicts to learn from"
        typer.echo(f"{feedback}: {len(verdicts)} verdicts, {learned}", err=True)
    name = "<stdin>" if input_path == "-" else input_path
    if input_path == "-":
        _guarded(name, lambda: _match_lines(matcher, sys.stdin, name, sys.stdout))
    else:
        _read(Path(input_path), lambda lines, _: _match_lines(matcher, lines, name, sys.stdout))


def explain_command(
    text: Annotated[str, typer.Argument(help="A headline, or any text, scored as an article title.")],
    summary: Annotated[str, typer.Option("--summary", "-s", help="Optional article summary.")] = "",
    commitment: Annotated[str | None, typer.Option("--commitment", help="Show only this pledge (its id).")] = None,
    watchlist: WatchlistPath = None,
    rules_only: RulesOnly = False,
    config: ConfigOption = None,
) -> None:
    """Show every pledge's score for TEXT and the terms and rules behind it, best first."""
    if not text.strip():
        fail('explain: give a headline to score, e.g. pledgewatch explain "ML-1 financing signed"')
    loaded = load_or_fail(config)
    matcher = _matcher(loaded, watchlist, None, rules_only)
    scored = matcher.explain(text, summary)
    if commitment is not None:
        scored = [m for m in scored if m.commitment == commitment]
        if not scored:
            fail(f"no commitment with id {commitment!r} in the watchlist")
    from rich.console import Console

    Console().print(_table(scored, _load(watchlist or loaded.watchlist.path), matcher.threshold))


def _matcher(config: Config, watchlist: Path | None, threshold: float | None, rules_only: bool) -> Matcher:
    from bot.matching import build_matcher, load_semantic_stage

    loaded = _load(watchlist or config.watchlist.path)
    settings = config.matcher if threshold is None else config.matcher.model_copy(update={"threshold": threshold})
    if rules_only:
        settings = settings.model_copy(update={"semantic": False})
    return build_matcher(loaded, settings, load_semantic_stage(settings))


def _load(path: Path) -> Watchlist:
    from watchlist import WatchlistError, load_watchlist

    try:
        return load_watchlist(path)
    except WatchlistError as error:
        fail(str(error))


def _read(path: Path, use: Any) -> Any:
    """Run `use(lines, name)` over a file's lines, turning every way reading can fail into one line."""
    try:
        with path.open(encoding="utf-8") as lines:
            return _guarded(str(path), lambda: use(lines, str(path)))
    except OSError as error:
        fail(f"{path}: cannot read: {error.strerror}")


def _guarded(name: str, work: Any) -> Any:
    try:
        return work()
    except BadLine as error:
        fail(str(error))
    except UnicodeDecodeError as error:
        fail(f"{name}: not UTF-8 text (byte {error.start})")


def _match_lines(matcher: Matcher, lines: Iterable[str], name: str, out: TextIO) -> None:
    """Match in batches; a bad line stops the run after the lines before it are written."""
    batch: list[dict[str, Any]] = []
    try:
        for article in _articles(lines, name):
            batch.append(article)
            if len(batch) == BATCH:
                _write(matcher, batch, out)
                batch = []
    finally:
        _write(matcher, batch, out)


def _write(matcher: Matcher, batch: list[dict[str, Any]], out: TextIO) -> None:
    found = matcher.match_many([(a["title"], a["summary"]) for a in batch])
    for article, matches in zip(batch, found, strict=True):
        out.write(json.dumps({"id": article["id"], "matches": [_as_json(m) for m in matches]}) + "\n")
    out.flush()


def _articles(lines: Iterable[str], name: str) -> Iterator[dict[str, Any]]:
    """Each non-blank line as an article with an id and a string title and summary; BadLine otherwise."""
    for number, article in read_jsonl(lines, name, BadLine):
        title, summary = article.get("title"), article.get("summary") or ""
        if "id" not in article:
            raise BadLine(f"{name}:{number}: no 'id': each output line repeats its input's id")
        if not isinstance(title, str) or not isinstance(summary, str):
            raise BadLine(f"{name}:{number}: 'title' must be a string and 'summary' a string or null")
        yield {"id": article["id"], "title": title, "summary": summary}


def feedback_lines(lines: Iterable[str], name: str) -> Iterator[Feedback]:
    """Verdict lines {title, summary, commitment, relevant} (the format of `feedback export`)."""
    from matcher import Feedback

    for number, line in read_jsonl(lines, name, BadLine):
        title, summary = line.get("title"), line.get("summary") or ""
        commitment, relevant = line.get("commitment"), line.get("relevant")
        if not isinstance(title, str) or not isinstance(summary, str) or not isinstance(commitment, str):
            raise BadLine(f"{name}:{number}: 'title' and 'commitment' must be strings, 'summary' a string or null")
        if not isinstance(relevant, bool):
            raise BadLine(f"{name}:{number}: 'relevant' must be true or false")
        yield Feedback(title, summary, commitment, relevant)


def _as_json(match: Match) -> dict[str, Any]:
    return {
        "commitment": match.commitment,
        "score": round(match.score, 3),
        "why": list(match.why),
        "signal": match.signal.value,
    }


def _table(scored: list[Match], watchlist: Watchlist, threshold: float) -> Table:
    from rich.markup import escape
    from rich.table import Table

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
