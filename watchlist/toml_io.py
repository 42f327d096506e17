"""Read and write watchlist files: tomllib to load (fast, plain values), tomlkit to render."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tomlkit
from tomlkit.items import Table

from watchlist.errors import WatchlistError
from watchlist.lines import index_lines
from watchlist.model import Commitment, Watchlist
from watchlist.problems import Problem
from watchlist.schema import read_document

_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")

HEADER = (
    "pledgewatch watchlist: one [[commitment]] table per statement of the communique in [source].\n"
    "kind: pledge | position | mechanism | agreement. aliases identify a commitment on their own;\n"
    "keywords only support a match; exclude vetoes one; parent names the umbrella it belongs to;\n"
    "search is its news-search query. `quote` must stay verbatim source text.\n"
    "Validate edits with: pledgewatch watchlist check"
)


def load_watchlist(path: Path) -> Watchlist:
    """Read and validate a watchlist file; raise WatchlistError naming the file and line."""
    return parse_watchlist(read_text_or_fail(path), path)


def read_text_or_fail(path: Path) -> str:
    """The file's text, or a WatchlistError saying in one line why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WatchlistError(f"{path}: file not found") from None
    except UnicodeDecodeError as error:
        raise WatchlistError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise WatchlistError(f"{path}: cannot read: {error.strerror}") from None


def parse_watchlist(text: str, path: Path) -> Watchlist:
    """Validate watchlist TOML text; the first error becomes a WatchlistError."""
    watchlist, problems = read_watchlist_text(text, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        first = errors[0]
        raise WatchlistError(f"{first.location()}: {first.message}")
    assert watchlist is not None
    return watchlist


def read_watchlist_text(text: str, path: Path) -> tuple[Watchlist | None, list[Problem]]:
    """Every problem in the text, and the watchlist when the TOML itself parsed."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        at = _AT_LINE.search(message)
        line = int(at.group(1)) if at else None
        return None, [Problem("error", str(path), line, f"invalid TOML: {_AT_LINE.sub('', message)}")]
    return read_document(data, index_lines(text), str(path))


def render_watchlist(watchlist: Watchlist) -> str:
    """The watchlist as commented TOML: `[source]` first, then one `[[commitment]]` per pledge."""
    document = tomlkit.document()
    for line in HEADER.splitlines():
        document.add(tomlkit.comment(line))
    document.add(tomlkit.nl())
    if watchlist.source is not None:
        source = tomlkit.table()
        source.add("title", watchlist.source.title)
        if watchlist.source.date is not None:
            source.add("date", watchlist.source.date)
        source.add("path", watchlist.source.path)
        document.add("source", source)
    tables = tomlkit.aot()
    for commitment in watchlist.commitments:
        tables.append(commitment_table(commitment))
    document.add("commitment", tables)
    return tomlkit.dumps(document)


def commitment_table(commitment: Commitment) -> Table:
    """One `[[commitment]]` table, fields in the documented order."""
    table = tomlkit.table()
    table.add("id", commitment.id)
    table.add("kind", commitment.kind.value)
    table.add("title", commitment.title)
    table.add("section", commitment.section)
    table.add("quote", commitment.quote)
    for key in ("aliases", "keywords", "exclude", "tags"):
        table.add(key, list(getattr(commitment, key)))
    if commitment.deadline is not None:
        table.add("deadline", commitment.deadline)
    if commitment.parent is not None:
        table.add("parent", commitment.parent)
    if commitment.search:
        table.add("search", commitment.search)
    return table
