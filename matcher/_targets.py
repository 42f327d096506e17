"""What each phrase of a watchlist means for each pledge: the targets of the phrase index.

Keyword weights are IDF-like over the watchlist's own pledges: a keyword that many pledges share
says little about which one an article is about. Nothing here depends on one communique.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from matcher._context import same_name
from matcher._evidence import Kind, Target, alias_strength, keyword_strength
from matcher._lexicon import COMMON_NEWS_WORDS, FACILITY_WORDS
from matcher._terms import phrase, squashed
from watchlist import Commitment, Watchlist

# A section heading over at most this many pledges names their subject ("Floods", "Defence");
# over more it names a theme ("Reviving CPEC & BRI") and lends its words no extra weight.
FOCUS_SECTION_SIZE = 2

_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")

Key = tuple[str, ...]


def is_specific(key: Key) -> bool:
    """Several tokens, or one with a number: not an everyday word."""
    return len(key) > 1 or not key[0].isalpha()


def _idf(watchlist: Watchlist) -> dict[Key, float]:
    """IDF of each keyword over the pledges, scaled to (0, 1]. A pledge "uses" a keyword when it
    lists it or its quote contains it: how widely the communique itself uses a word is the best
    measure available here of how little that word tells one pledge from another."""
    keys = {phrase(k) for c in watchlist.commitments for k in c.keywords} - {()}
    frequency: Counter[Key] = Counter()
    for commitment in watchlist.commitments:
        listed = {phrase(k) for k in commitment.keywords}
        quote = " ".join(phrase(commitment.quote))
        frequency.update(key for key in keys if key in listed or f" {' '.join(key)} " in f" {quote} ")
    total = len(watchlist.commitments) + 1
    return {key: math.log(total / frequency[key]) / math.log(total) for key in keys}


def _focus_words(watchlist: Watchlist) -> list[set[str]]:
    sizes = Counter(c.section for c in watchlist.commitments)
    return [set(phrase(c.section)) if sizes[c.section] <= FOCUS_SECTION_SIZE else set() for c in watchlist.commitments]


def build_targets(watchlist: Watchlist, party_words: set[str], themes: set[str]) -> dict[Key, list[Target]]:
    """Every phrase of every commitment with what it means. Keywords made only of party names
    ("Pakistan-China") are dropped: the parties are context for every pledge, not a topic; and a
    keyword listed in two forms ("flood", "floods"; "Afghan", "Afghanistan"), or also listed as an
    alias, is counted once."""
    idf = _idf(watchlist)
    focus = _focus_words(watchlist)
    derived = _derived_names(watchlist, party_words, themes)
    targets: defaultdict[Key, list[Target]] = defaultdict(list)
    for index, commitment in enumerate(watchlist.commitments):
        for key, target in _commitment_targets(index, commitment, idf, focus[index], party_words):
            targets[key].append(target)
        listed = {phrase(a) for a in commitment.aliases}
        for name in derived.get(index, []):
            _add_derived(targets, index, name, listed)
    return targets


class Derived(NamedTuple):
    """A name the watchlist implies but does not list: `word` canonical, `text` as written."""

    word: str
    text: str
    place: bool


def _add_derived(targets: defaultdict[Key, list[Target]], index: int, name: Derived, listed: set[Key]) -> None:
    """A derived name becomes a one-word alias, replacing the same word as a keyword of the
    pledge (which would otherwise corroborate itself). A place followed by any facility noun
    ("Khunjerab Pass", "Gwadar airport") names a facility there: as specific as a listed alias."""
    if (name.word,) not in listed:
        same = [t for t in targets[(name.word,)] if t.commitment != index or t.kind is not Kind.KEYWORD]
        alias = Target(index, Kind.ALIAS, name.text, alias_strength(False), place=name.place)
        targets[(name.word,)] = [*same, alias]
    for facility in sorted(FACILITY_WORDS) if name.place else ():
        key = phrase(f"{name.word} {facility}")
        if key not in listed:
            alias = Target(index, Kind.ALIAS, f"{name.text} {facility}", alias_strength(True), specific=True)
            targets[key].append(alias)


def _derived_names(watchlist: Watchlist, party_words: set[str], themes: set[str]) -> dict[int, list[Derived]]:
    """Names the watchlist implies but does not list, each kept only if it points to one pledge:
    the place in a facility alias ("Khunjerab" in "Khunjerab Border Port": news often names only
    the place; flagged as a place, so only a keyword of the pledge corroborates it), and a theme
    of the communique in a pledge's title ("CPEC" in "Continue the momentum of developing CPEC
    projects": the pledge about the theme itself)."""
    owners: defaultdict[Derived, set[int]] = defaultdict(set)
    for index, commitment in enumerate(watchlist.commitments):
        for alias in commitment.aliases:
            key = phrase(alias)
            if len(key) > 1 and alias[:1].isupper() and set(key[1:]) <= FACILITY_WORDS:
                owners[Derived(key[0], alias.split()[0], place=True)].add(index)
        for acronym in _ACRONYM.findall(commitment.title):
            if acronym.lower() in themes:
                owners[Derived(acronym.lower(), acronym, place=False)].add(index)
    ordinary = COMMON_NEWS_WORDS | party_words
    derived: defaultdict[int, list[Derived]] = defaultdict(list)
    for name, indexes in owners.items():
        if len(indexes) == 1 and name.word.isalpha() and len(name.word) > 2 and name.word not in ordinary:
            derived[indexes.pop()].append(name)
    return derived


def _commitment_targets(
    index: int, commitment: Commitment, idf: dict[Key, float], focus: set[str], party_words: set[str]
) -> list[tuple[Key, Target]]:
    found: list[tuple[Key, Target]] = []
    alias_keys = [(phrase(text), text) for text in commitment.aliases]
    name_words = {word for key, _ in alias_keys for word in key}
    for key, text in alias_keys:
        if key:
            target = Target(index, Kind.ALIAS, text, alias_strength(is_specific(key)), is_specific(key))
            found += [(form, target) for form in {key, squashed(key)}]
    seen: set[Key] = {key for key, _ in alias_keys}
    clue_of: dict[str, str] = {}
    for text in commitment.keywords:
        key = phrase(text)
        if not key or key in seen or set(key) <= party_words:
            continue
        seen.add(key)
        clue = next((label for word, label in clue_of.items() if len(key) == 1 and same_name(word, key[0])), text)
        clue_of.setdefault(key[0], clue)
        compound, in_focus = is_specific(key), set(key) <= focus
        strength = keyword_strength(idf[key], compound, in_focus, common=set(key) <= COMMON_NEWS_WORDS)
        found.append((key, Target(index, Kind.KEYWORD, clue, strength, name_part=set(key) <= name_words)))
    found += [(key, Target(index, Kind.EXCLUDE, text, 0.0)) for text in commitment.exclude if (key := phrase(text))]
    return found
