"""`pledgewatch watchlist check`: every problem in a watchlist file, not just the first.

Beyond what the loader enforces, it checks what only a careful reader would notice: a quote that
is no longer verbatim in its source, aliases so generic they would match half the news, and the
same alias claimed by two pledges.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from watchlist.errors import WatchlistError
from watchlist.lexicon import FACILITY_NOUNS, GENERIC_WORDS, SECTOR_WORDS, STOPWORDS
from watchlist.lines import TableLines, index_lines
from watchlist.model import Watchlist
from watchlist.places import find_parties
from watchlist.problems import Problem
from watchlist.search import long_phrases
from watchlist.text import collapse, parse_document
from watchlist.toml_io import read_text_or_fail, read_watchlist_text
from watchlist.vocabulary import SHORT_ACRONYM, everyday_word

PARTY_SHARE = 0.2
"""A capitalised word in this share of the paragraphs names a party."""
FACILITY_NOUNS_SET = frozenset(word for noun in FACILITY_NOUNS for word in noun.split())


def check_watchlist(path: Path) -> list[Problem]:
    """Errors and warnings for the file at `path`, in file order."""
    try:
        text = read_text_or_fail(path)
    except WatchlistError as error:
        return [Problem("error", str(path), None, str(error).removeprefix(f"{path}: "))]
    watchlist, problems = read_watchlist_text(text, path)
    if watchlist is None:
        return problems
    lines = _lines_by_id(text)
    if not watchlist.commitments and not problems:
        problems.append(Problem("warning", str(path), None, "no commitments: nothing will be watched"))
    problems.extend(_source_problems(watchlist, path, text, lines))
    problems.extend(_alias_problems(watchlist, path, lines, _source_text(watchlist, path)))
    problems.extend(_deadline_problems(watchlist, path, lines))
    problems.extend(_search_problems(watchlist, path, lines))
    return sorted(problems, key=lambda p: (p.line or 0, p.severity))


def _lines_by_id(text: str) -> dict[str, TableLines]:
    index = index_lines(text)
    raw: Any = tomllib.loads(text).get("commitment", [])
    found: dict[str, TableLines] = {}
    for position, entry in enumerate(raw if isinstance(raw, list) else []):
        table = index.commitment(position)
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str) and table is not None:
            found.setdefault(entry["id"], table)
    return found


def _line_of(lines: dict[str, TableLines], commitment_id: str, key: str) -> int | None:
    """The line of a commitment's key in the file (its table's header when the key is absent), if known."""
    return lines[commitment_id].of(key) if commitment_id in lines else None


def _source_text(watchlist: Watchlist, path: Path) -> str | None:
    if watchlist.source is None:
        return None
    try:
        return (path.parent / watchlist.source.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _source_problems(watchlist: Watchlist, path: Path, text: str, lines: dict[str, TableLines]) -> list[Problem]:
    """Each quote must still be found, verbatim up to whitespace, in the communique."""
    if watchlist.source is None:
        return [Problem("warning", str(path), None, "no [source]: quotes cannot be checked against the communique")]
    source_line = index_lines(text).source
    source_path = path.parent / watchlist.source.path
    source = _source_text(watchlist, path)
    if source is None:
        where = source_line.of("path") if source_line else None
        return [Problem("error", str(path), where, f"source: path: cannot read {source_path} as UTF-8 text")]
    haystack = collapse(source)
    return [
        Problem(
            "error",
            str(path),
            _line_of(lines, c.id, "quote"),
            f'commitment "{c.id}": quote: not found verbatim in {watchlist.source.path}',
        )
        for c in watchlist.commitments
        if collapse(c.quote) not in haystack
    ]


def _alias_problems(
    watchlist: Watchlist, path: Path, lines: dict[str, TableLines], source: str | None
) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    parties = _party_names(watchlist, source)
    for commitment in watchlist.commitments:
        line = _line_of(lines, commitment.id, "aliases")
        for alias in commitment.aliases:
            reason = generic_alias_reason(alias, parties)
            if reason:
                problems.append(
                    Problem("warning", str(path), line, f'commitment "{commitment.id}": alias "{alias}" {reason}')
                )
            first = owner.setdefault(alias.casefold(), commitment.id)
            if first != commitment.id:
                problems.append(
                    Problem(
                        "warning",
                        str(path),
                        line,
                        f'commitment "{commitment.id}": alias "{alias}" also identifies "{first}"',
                    )
                )
        if not commitment.aliases and not commitment.keywords:
            problems.append(
                Problem("warning", str(path), line, f'commitment "{commitment.id}": no aliases or keywords to match on')
            )
    return problems


def generic_alias_reason(alias: str, parties: frozenset[str] = frozenset()) -> str | None:
    """Why an alias would match news about other things, or None when it is specific enough."""
    words = alias.split()
    if len(alias.replace(" ", "")) <= 2:
        return "is too short to identify anything"
    if alias.lower() in parties:
        return "names a party to the statement, so it appears in most news about it; use a project's name"
    if len(words) > 1:
        if alias.islower() and all(
            w.lower() in STOPWORDS or w.lower() in GENERIC_WORDS or w.lower() in SECTOR_WORDS for w in words
        ):
            return "is made only of generic words"
        return None
    if alias.lower() in STOPWORDS:
        return "is a grammar word, not a name"
    if alias.isupper():
        if alias.isalpha() and len(alias) > SHORT_ACRONYM and everyday_word(alias):
            return "spells an everyday word: it is matched in capitals only and needs a keyword beside it"
        return None
    if alias.islower() or (everyday_word(alias) and alias.lower() in _GENERIC_NAMES):
        return "is a generic word, not a name; use the full name instead"
    return None


_GENERIC_NAMES = GENERIC_WORDS | SECTOR_WORDS | FACILITY_NOUNS_SET


def _party_names(watchlist: Watchlist, source: str | None) -> frozenset[str]:
    """The parties' names, lower case: the countries or organisations the statement is between (the
    place book's forms, "china", "chinese"), and any name most of its paragraphs use ("atlantis")."""
    title = watchlist.source.title if watchlist.source else ""
    known = find_parties(title, (c.quote for c in watchlist.commitments))
    names = {name.lower() for place in known for name in place.forms}
    if source:
        paragraphs = [collapse(source[p.span.start : p.span.end]) for p in parse_document(source).paragraphs]
        counts: dict[str, int] = {}
        for paragraph in paragraphs:
            for word in {w.strip(".,;:()’'\"“”").lower() for w in paragraph.split() if w[:1].isupper()}:
                counts[word] = counts.get(word, 0) + 1
        names |= {w for w, n in counts.items() if n >= max(2, PARTY_SHARE * len(paragraphs)) and w not in STOPWORDS}
    return frozenset(names)


def _deadline_problems(watchlist: Watchlist, path: Path, lines: dict[str, TableLines]) -> list[Problem]:
    """A deadline before the statement's own date is history, not a deadline."""
    if watchlist.source is None or watchlist.source.date is None:
        return []
    stated = watchlist.source.date
    return [
        Problem(
            "warning",
            str(path),
            _line_of(lines, c.id, "deadline"),
            f'commitment "{c.id}": deadline {c.deadline} is before the statement\'s date ({stated}); '
            "a time already past when it was signed is history, not a deadline",
        )
        for c in watchlist.commitments
        if c.deadline is not None and c.deadline < stated
    ]


def _search_problems(watchlist: Watchlist, path: Path, lines: dict[str, TableLines]) -> list[Problem]:
    """A long exact phrase in a search query finds nothing: outlets do not write statements' sentences."""
    return [
        Problem(
            "warning",
            str(path),
            _line_of(lines, c.id, "search"),
            f'commitment "{c.id}": search: the exact phrase "{phrase}" is too long for news to repeat; '
            "quote names only and leave topic words unquoted",
        )
        for c in watchlist.commitments
        for phrase in long_phrases(c.search)
    ]
