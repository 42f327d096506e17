"""News-search queries: how a commitment's `search` query reads, and what text it finds.

The grammar is the common core of news search engines (Google News, Bing News, GDELT): terms
separated by spaces must all appear; a "quoted phrase" must appear word for word; a group in
parentheses with OR needs one of its terms (`(ML-1 OR "Main Line-1") railway`). `finds` applies a
query to a text the way such an engine would, up to stemming (a word matches its plural), which is
how `watchlist check` and the tests judge whether a query can find a commitment's news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PART = re.compile(r'\(([^()]*)\)|"([^"]*)"|(\S+)')
LONG_PHRASE_WORDS = 4
"""A quoted phrase longer than this is rarely written word for word by any outlet."""


@dataclass(frozen=True, slots=True)
class Query:
    """All of `clauses` must match; a clause is a tuple of alternatives, each a tuple of words in order."""

    clauses: tuple[tuple[tuple[str, ...], ...], ...]
    phrases: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.lower()))


def parse_query(query: str) -> Query:
    clauses: list[tuple[tuple[str, ...], ...]] = []
    phrases: list[str] = []
    for group, quoted, word in _PART.findall(query):
        if group:
            options = [o.strip() for o in re.split(r"\s+OR\s+", group) if o.strip()]
            phrases += [o.strip('"') for o in options if o.startswith('"')]
            clauses.append(tuple(words for o in options if (words := _words(o.strip('"')))))
        elif quoted:
            phrases.append(quoted)
            clauses.append((_words(quoted),))
        elif word.upper() != "OR" and (words := _words(word)):
            clauses.append((words,))
    return Query(tuple(c for c in clauses if c), tuple(phrases))


def finds(query: Query, text: str) -> bool:
    """True when the text has every clause of the query (a word also matches its plural)."""
    tokens = _words(text)
    joined = f" {' '.join(tokens)} "
    return bool(query.clauses) and all(any(_has(joined, words) for words in clause) for clause in query.clauses)


def _has(joined: str, words: tuple[str, ...]) -> bool:
    phrase = " ".join(words)
    return f" {phrase} " in joined or f" {phrase}s " in joined or f" {phrase}es " in joined


def long_phrases(query: str) -> list[str]:
    """Quoted phrases of the query that no outlet is likely to write word for word."""
    return [p for p in parse_query(query).phrases if len(_words(p)) > LONG_PHRASE_WORDS]
