"""Compile a watchlist: what every alias, keyword, exclude phrase and place name means for which pledge.

Keyword weights are IDF-like over the watchlist's own pledges: a keyword that many pledges share
says little about which one an article is about. Nothing here depends on one communique.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from matcher._context import derive_context
from matcher._index import Index, Role, Target, Term
from matcher._lexicon import COMMON_NEWS_WORDS, FACILITY_WORDS
from matcher._places import place_keys
from matcher._terms import case_kept_key, phrase, squashed, surface_forms
from watchlist import Commitment, Watchlist, guarded_name

SPECIFIC_NAME = 4.0
ONE_WORD_NAME = 0.8
COMPOUND_KEYWORD = 2.0
FOCUS_KEYWORD = 2.0
COMMON_WORD = 0.4
# A section heading over at most this many pledges names their subject ("Floods", "Defence");
# over more it names a theme ("Reviving CPEC & BRI") and lends its words no extra weight.
FOCUS_SECTION_SIZE = 2

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Compiled:
    index: Index
    ids: tuple[str, ...]
    parents: tuple[int | None, ...]
    parties: frozenset[str]
    subjects: tuple[frozenset[str], ...]


def compile_watchlist(watchlist: Watchlist) -> Compiled:
    context = derive_context(watchlist)
    party_words = {word for place in context.parties for name in place.forms for word in phrase(name)}
    party_places = {word for place in context.parties for name in place.cities for word in phrase(name)}
    parties = tuple(place.key for place in context.parties)
    targets = _targets(watchlist, party_words, party_places)
    terms: list[Term] = []
    insensitive: dict[str, int] = {}
    sensitive: dict[str, int] = {}
    names = {key for key, found in targets.items() if any(t.role is Role.NAME for t in found)}
    for key in sorted(targets, key=lambda k: (-len(k), k)):  # exact forms of longer phrases win a clash
        found = tuple(targets[key])
        label = found[0].label
        joint = any(t.label in context.joint_names for t in found if t.role is Role.NAME)
        number = len(terms)
        terms.append(Term(label, found, places=parties if joint else ()))
        if all(t.guarded for t in found if t.role is Role.NAME) and key in names:
            for target in found:
                sensitive.setdefault(case_kept_key(target.label), number)
        else:
            for form in sorted(surface_forms(key, name=key in names)):
                insensitive.setdefault(form, number)
    for place, keys in place_keys():
        number = len(terms)
        terms.append(Term(place.key, (), places=(place.key,)))
        for name in keys:
            sensitive.setdefault(name, number)
    by_id = {c.id: n for n, c in enumerate(watchlist.commitments)}
    return Compiled(
        index=Index(terms, insensitive, sensitive),
        ids=tuple(by_id),
        parents=tuple(by_id.get(c.parent) if c.parent else None for c in watchlist.commitments),
        parties=frozenset(parties),
        subjects=context.subjects,
    )


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


def _targets(watchlist: Watchlist, party_words: set[str], party_places: set[str]) -> dict[Key, list[Target]]:
    """Every phrase of every commitment with what it means. Keywords made only of party names
    ("Pakistan-China") are dropped: the parties are context for every pledge, not a topic; a city of
    a party ("Karachi") is a weak clue, since much of the parties' news happens there; and a keyword
    listed in two forms ("flood", "floods"), or also listed as an alias, is counted once."""
    idf = _idf(watchlist)
    focus = _focus_words(watchlist)
    derived = _facility_places(watchlist, party_words)
    targets: defaultdict[Key, list[Target]] = defaultdict(list)
    for index, commitment in enumerate(watchlist.commitments):
        for key, target in _commitment_targets(index, commitment, idf, focus[index], party_words, party_places):
            targets[key].append(target)
        listed = {phrase(a) for a in commitment.aliases}
        for place in derived.get(index, []):
            _add_facility_place(targets, index, place, listed)
    return targets


class FacilityPlace(NamedTuple):
    """The place in a facility's name ("Khunjerab" in "Khunjerab Border Port"): `word` canonical, `text` as written."""

    word: str
    text: str


def _facility_places(watchlist: Watchlist, party_words: set[str]) -> dict[int, list[FacilityPlace]]:
    """Places named by exactly one pledge's facility aliases: news often names only the place."""
    owners: defaultdict[FacilityPlace, set[int]] = defaultdict(set)
    for index, commitment in enumerate(watchlist.commitments):
        for alias in commitment.aliases:
            key = phrase(alias)
            if len(key) > 1 and alias[:1].isupper() and set(key[1:]) <= FACILITY_WORDS:
                owners[FacilityPlace(key[0], alias.split()[0])].add(index)
    ordinary = COMMON_NEWS_WORDS | party_words
    derived: defaultdict[int, list[FacilityPlace]] = defaultdict(list)
    for place, indexes in owners.items():
        if len(indexes) == 1 and place.word.isalpha() and len(place.word) > 2 and place.word not in ordinary:
            derived[indexes.pop()].append(place)
    return derived


def _add_facility_place(
    targets: defaultdict[Key, list[Target]], index: int, place: FacilityPlace, listed: set[Key]
) -> None:
    """The place becomes a one-word name of the pledge (replacing the same word as its keyword, which
    would corroborate itself), and the place followed by any facility noun ("Khunjerab Pass",
    "Gwadar airport") a name as specific as a listed alias."""
    if (place.word,) not in listed:
        others = [t for t in targets[(place.word,)] if t.commitment != index or t.role is not Role.KEYWORD]
        targets[(place.word,)] = [*others, Target(index, Role.NAME, place.text, ONE_WORD_NAME, place=True)]
    for facility in sorted(FACILITY_WORDS):
        key = phrase(f"{place.word} {facility}")
        if key not in listed:
            targets[key].append(Target(index, Role.NAME, f"{place.text} {facility}", SPECIFIC_NAME, specific=True))


def _commitment_targets(
    index: int,
    commitment: Commitment,
    idf: dict[Key, float],
    focus: set[str],
    party_words: set[str],
    party_places: set[str],
) -> list[tuple[Key, Target]]:
    found: list[tuple[Key, Target]] = []
    alias_keys = [(phrase(text), text) for text in commitment.aliases]
    name_words = {word for key, _ in alias_keys for word in key}
    for key, text in alias_keys:
        if not key:
            continue
        specific, guarded = is_specific(key), guarded_name(text)
        strength = SPECIFIC_NAME if specific else ONE_WORD_NAME
        target = Target(index, Role.NAME, text, strength, specific=specific, guarded=guarded)
        found += [(form, target) for form in {key, squashed(key)}]
    seen: set[Key] = {key for key, _ in alias_keys}
    clue_of: dict[str, str] = {}
    for text in commitment.keywords:
        key = phrase(text)
        if not key or key in seen or set(key) <= party_words:
            continue
        seen.add(key)
        clue = next((label for word, label in clue_of.items() if len(key) == 1 and _same_name(word, key[0])), text)
        clue_of.setdefault(key[0], clue)
        factor = (COMPOUND_KEYWORD if is_specific(key) else 1.0) * (FOCUS_KEYWORD if set(key) <= focus else 1.0)
        weak = set(key) <= COMMON_NEWS_WORDS or set(key) <= party_places
        strength = idf[key] * factor * (COMMON_WORD if weak else 1.0)
        found.append((key, Target(index, Role.KEYWORD, clue, strength, name_part=set(key) <= name_words)))
    found += [(key, Target(index, Role.EXCLUDE, text, 0.0)) for text in commitment.exclude if (key := phrase(text))]
    return found


def _same_name(a: str, b: str) -> bool:
    """Two forms of one word ("Afghan", "Afghanistan"; "flood", "floods"): one is the other's stem."""
    shorter, longer = sorted((a, b), key=len)
    common = next((n for n in range(len(shorter), 0, -1) if longer.startswith(shorter[:n])), 0)
    return common >= max(4, len(shorter) - 1)
