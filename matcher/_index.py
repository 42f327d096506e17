"""The watchlist compiled into two Aho–Corasick automata: what to look for, and what each find means.

Every alias, keyword, exclude phrase and place name becomes a `Term`; every surface form of it
(plurals, verb forms, one-vowel spellings of names, "mainline 1") a key of an automaton, so that
reading an article is one pass of C code over its tokens. Names that must keep their case — places
("China", not "china") and acronyms that spell a word ("RISE") — are looked up in the text as
written; everything else in the lower-cased text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, IntEnum

import ahocorasick

from matcher._terms import spaced

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


class Position(IntEnum):
    """Where in an article a term was found; the title says what the article is about."""

    TITLE = 0
    LEAD = 1  # the summary's first sentence
    BODY = 2  # the rest of the summary


class Role(Enum):
    NAME = "alias"
    KEYWORD = "keyword"
    EXCLUDE = "exclude"


@dataclass(frozen=True, slots=True)
class Target:
    """What finding a term says about one commitment, weighed once at compile time.

    `specific`: a name of several words or with a number ("ML-1"), which names the pledge alone.
    `guarded`: a name that is also an everyday word or a short acronym ("RISE", "SCO"): matched in
    capitals only and only with corroboration. `place`: a place taken from a facility's name
    ("Khunjerab" from "Khunjerab Border Port"), which only a keyword of the pledge corroborates.
    `name_part`: a keyword made only of words of the pledge's own names; together they are one clue.
    """

    commitment: int
    role: Role
    label: str
    strength: float
    specific: bool = False
    guarded: bool = False
    place: bool = False
    name_part: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One phrase to find: what it means for which commitments, and which place it names, if any.

    A term inside a longer term's occurrence is read as part of it ("railway" in "Karachi Circular
    Railway" is no railway keyword of another pledge) unless it is `kept`: names and places always count.
    """

    label: str
    targets: tuple[Target, ...]
    place: str | None = None
    kept: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    term: Term
    position: Position


class Index:
    """Finds terms in text. Automaton values are (length of the surface form, term number)."""

    __slots__ = ("_insensitive", "_sensitive", "terms")

    def __init__(self, terms: list[Term], insensitive: dict[str, int], sensitive: dict[str, int]) -> None:
        self.terms = tuple(terms)
        self._insensitive = _automaton(insensitive)
        self._sensitive = _automaton(sensitive)

    def find(self, title: str, summary: str) -> list[Hit]:
        """Every term found, with the part of the article it was found in."""
        lead, body = lead_and_body(summary)
        hits: list[Hit] = []
        for text, position in ((title, Position.TITLE), (lead, Position.LEAD), (body, Position.BODY)):
            if text:
                hits.extend(Hit(self.terms[number], position) for number in self._terms_in(spaced(text)))
        return hits

    def _terms_in(self, text: str) -> list[int]:
        spans = [(end - length + 1, end, number) for end, (length, number) in _iter(self._insensitive, text.lower())]
        spans += [(end - length + 1, end, number) for end, (length, number) in _iter(self._sensitive, text)]
        if len(spans) < 2:
            return [number for _, _, number in spans]
        return [number for start, end, number in spans if not self._inside_another(start, end, number, spans)]

    def _inside_another(self, start: int, end: int, number: int, spans: list[tuple[int, int, int]]) -> bool:
        """A term read as part of a longer one: any term inside a longer term unless it is kept (names,
        places), and a place inside a longer place ("Shanghai" in "Shanghai Cooperation Organisation")."""
        term = self.terms[number]
        return any(
            s <= start
            and end <= e
            and (s, e) != (start, end)
            and (not term.kept or (term.place is not None and self.terms[other].place is not None))
            for s, e, other in spans
        )


def lead_and_body(summary: str) -> tuple[str, str]:
    """The summary's first sentence, and the rest."""
    lead, *rest = _SENTENCE_END.split(summary, maxsplit=1)
    return lead, rest[0] if rest else ""


def _automaton(keys: dict[str, int]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, number in keys.items():
        automaton.add_word(key, (len(key), number))
    if keys:
        automaton.make_automaton()
    return automaton


def _iter(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, tuple[int, int]]]:
    return list(automaton.iter(text)) if automaton.kind == ahocorasick.AHOCORASICK else []
