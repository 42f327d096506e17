"""Who a communique is between and what it is about, derived from the watchlist itself.

A pledge lives in a context: "railway" news is about ML-1 only when it is about the parties
that made the pledge. Nothing names those parties in code. They are the recurring proper nouns
named in the source title ("Pakistan–China joint communique"), or without a usable title the
two most recurrent ones; every form of a party's name found in the quotes ("Chinese" for
"China") belongs to it, so naming one party twice does not count as naming both.

Themes are acronyms that recur across the pledges ("CPEC"): the communique's own joint
programmes, so naming one places an article in the context of all the parties at once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from matcher._lexicon import COMMON_NEWS_WORDS
from watchlist import Watchlist

# A name must recur in this share of the pledges' quotes (and in at least two) to count.
RECURRING_SHARE = 0.1
_WORD = re.compile(r"[^\W\d_][^\W_]*")
_SENTENCE_START = re.compile(r"(?:^|\n\s*|[.!?:;]\s+|[\"“‘(]\s*)$")


@dataclass(frozen=True, slots=True)
class Context:
    parties: tuple[tuple[str, ...], ...]
    themes: tuple[str, ...]


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words that do not open a sentence: names, not grammar (original case)."""
    found: set[str] = set()
    for word in _WORD.finditer(text):
        token = word.group()
        opens_sentence = _SENTENCE_START.search(text, max(0, word.start() - 3), word.start())
        if token[0].isupper() and len(token) > 2 and not opens_sentence:
            found.add(token)
    return found


def same_name(a: str, b: str) -> bool:
    """Two forms of one name: the shorter is the longer's stem, give or take its last letter."""
    shorter, longer = sorted((a, b), key=len)
    common = next((n for n in range(len(shorter), 0, -1) if longer.startswith(shorter[:n])), 0)
    return common >= max(4, len(shorter) - 1)


def _distinct(names: list[str]) -> list[str]:
    """The names in order, dropping any that is a form of an earlier one."""
    kept: list[str] = []
    for name in names:
        if not any(same_name(name, other) for other in kept):
            kept.append(name)
    return kept


def _demonyms(name: str) -> list[str]:
    """The usual English adjective forms of a place name ("Pakistani", "Chinese", "Kenyan"), so
    that a party is recognised even in a form its quotes happen not to use."""
    stem = name[:-1] if name[-1] in "aeiouy" else name
    return [name + "i", name + "n", name + "ese", stem + "ese", stem + "ian", name + "ian", stem + "ish"]


def derive_context(watchlist: Watchlist) -> Context:
    names: Counter[str] = Counter()
    for commitment in watchlist.commitments:
        names.update(_proper_nouns(commitment.quote))
    counts: Counter[str] = Counter()
    for name, count in names.items():
        counts[name.lower()] += count
    least = max(2, math.ceil(RECURRING_SHARE * len(watchlist.commitments)))
    recurring = sorted((n for n, c in counts.items() if c >= least), key=lambda n: (-counts[n], n))
    title_words = _WORD.findall(watchlist.source.title) if watchlist.source else []
    title = {w.lower() for w in title_words} - COMMON_NEWS_WORDS
    heads = _distinct(sorted(title & set(counts), key=lambda n: (-counts[n], n)) or recurring[:2])
    parties = tuple(
        tuple(dict.fromkeys([head, *(n for n in sorted(counts) if same_name(n, head)), *_demonyms(head)]))
        for head in heads
    )
    in_parties = {n for group in parties for n in group}
    themes = tuple(
        name.lower()
        for name, count in sorted(names.items())
        if name.isupper() and count >= least and name.lower() not in in_parties
    )
    return Context(parties, themes)
