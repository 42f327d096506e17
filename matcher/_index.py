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

SEPARATOR = "qqxqq"
"""A token no watchlist phrase or place name contains: it keeps the title, lead and body apart."""
_SEPARATOR_TOKEN = f"  {SEPARATOR}  "
# Led by its stop rather than looking behind for it, so the search skips to stops in C.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


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
    """One phrase to find: what it means for which commitments, and which places it names, as place keys
    (a place of the place book; for a name that implies every party, "CPEC", all the parties)."""

    label: str
    targets: tuple[Target, ...]
    places: tuple[str, ...] = ()


Hit = tuple[Term, Position]
"""A term found, and the part of the article it was found in (a plain tuple: millions are made)."""


class Index:
    """Finds terms in text: automaton values are term numbers. Each automaton reports the leftmost-longest
    matches, so a word inside a longer phrase is read as part of it: "railway" within "Karachi Circular
    Railway" is no railway keyword of another pledge, and "Shanghai" within "Shanghai Cooperation
    Organisation" is no Chinese city. Names matched as written (places, guarded acronyms) are looked up
    apart from the others, so "China" still counts inside "China-Pakistan Economic Corridor"."""

    __slots__ = ("_insensitive", "_sensitive", "terms")

    def __init__(self, terms: list[Term], insensitive: dict[str, int], sensitive: dict[str, int]) -> None:
        self.terms = tuple(terms)
        self._insensitive = _automaton(insensitive)
        self._sensitive = _automaton(sensitive)

    def find(self, title: str, summary: str) -> list[Hit]:
        """Every term found, with the part of the article it was found in.

        The three parts are tokenised and scanned as one text, joined by a separator token no term
        contains, so each automaton runs once per article; a find's offset tells its part.
        """
        lead, body = lead_and_body(summary)
        text = spaced(f"{title} {SEPARATOR} {lead} {SEPARATOR} {body}")
        lead_at = text.find(_SEPARATOR_TOKEN)
        body_at = text.find(_SEPARATOR_TOKEN, lead_at + 1)
        terms = self.terms
        in_title, in_lead, in_body = Position.TITLE, Position.LEAD, Position.BODY
        return [
            (terms[number], in_title if end <= lead_at else in_lead if end <= body_at else in_body)
            for found in (self._insensitive.iter_long(text.lower()), self._sensitive.iter_long(text))
            for end, number in found
        ]


def lead_and_body(summary: str) -> tuple[str, str]:
    """The summary's first sentence, and the rest."""
    end = _SENTENCE_END.search(summary)
    return (summary, "") if end is None else (summary[: end.start() + 1], summary[end.end() :])


def _automaton(keys: dict[str, int]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, number in keys.items():
        automaton.add_word(key, number)
    automaton.add_word("\x00", -1)  # text never holds it; an automaton must have a word to search
    automaton.make_automaton()
    return automaton
