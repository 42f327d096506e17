"""What each find in an article is worth, and how finds add up to one score per pledge.

Evidence is counted in units where 1.0 is "as likely as not"; the score is e / (e + 1):
bounded in [0, 1), monotone, and 0.5 exactly at one unit, which is the default threshold.

- A specific alias (several tokens or a number: "ML-1", "Karachi Circular Railway") names the
  pledge on its own: 4 units in a title.
- A one-word alias ("Gwadar", "KCR") is a strong hint, but a town or an acronym can mean other
  things, so alone it stays below one unit; a party name or a keyword of the same pledge
  corroborates it and doubles it.
- Keywords only support. Each is a clue worth its IDF weight, doubled for a compound
  ("e-commerce"), doubled for a word of the pledge's own section heading ("Floods") and halved
  for a word common in all news ("meeting"); the words of the pledge's own name ("karachi",
  "circular") are one clue together. A lone clue counts half. Keyword evidence is scaled by how
  many of the communique's parties the article names: none gives no keyword evidence at all,
  since "railway" news from elsewhere is not about this communique.
- An exclude phrase vetoes the pledge, whatever else was found.
- Every find in the summary counts less than in the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

TITLE_WEIGHT = 1.0
SUMMARY_WEIGHT = 0.7
SPECIFIC_ALIAS = 4.0
SINGLE_WORD_ALIAS = 0.8
CORROBORATION = 2.0
COMPOUND_KEYWORD = 2.0
FOCUS_KEYWORD = 2.0
COMMON_WORD = 0.4
LONE_CLUE = 0.5
# Index: how many of the parties the article names (0, 1, 2 or more).
PARTY_FACTOR = (0.0, 0.6, 1.0)


class Kind(Enum):
    ALIAS = "alias"
    KEYWORD = "keyword"
    EXCLUDE = "exclude"


@dataclass(frozen=True, slots=True)
class Target:
    """What finding one phrase says about one commitment, weighed once at compile time.

    `specific`: an alias of several tokens or with a number. `name_part`: a keyword that is only
    words of the pledge's own aliases; such words together count as one clue. `place`: a place
    name taken from a facility alias, which only a keyword of the pledge can corroborate.
    """

    commitment: int
    kind: Kind
    label: str
    strength: float
    specific: bool = False
    name_part: bool = False
    place: bool = False


def alias_strength(specific: bool) -> float:
    return SPECIFIC_ALIAS if specific else SINGLE_WORD_ALIAS


def keyword_strength(idf: float, compound: bool, focus: bool, common: bool) -> float:
    factor = (COMPOUND_KEYWORD if compound else 1.0) * (FOCUS_KEYWORD if focus else 1.0)
    return idf * factor * (COMMON_WORD if common else 1.0)


@dataclass(slots=True)
class Evidence:
    """What was found for one pledge in one article."""

    alias: float = 0.0
    alias_label: str = ""
    alias_specific: bool = False
    alias_place: bool = False
    keywords: dict[str, float] = field(default_factory=dict)
    name_parts: dict[str, float] = field(default_factory=dict)
    veto: str = ""

    def add(self, target: Target, place_weight: float) -> None:
        strength = target.strength * place_weight
        if target.kind is Kind.KEYWORD:
            clues = self.name_parts if target.name_part else self.keywords
            if strength > clues.get(target.label, 0.0):
                clues[target.label] = strength
        elif target.kind is Kind.ALIAS:
            if strength > self.alias:
                self.alias, self.alias_label = strength, target.label
                self.alias_specific, self.alias_place = target.specific, target.place
        else:
            self.veto = target.label

    def score(self, parties: int) -> float:
        """The pledge's score in [0, 1), given how many parties the article names."""
        if self.veto:
            return 0.0
        clues = list(self.keywords.values())
        if self.name_parts:
            clues.append(max(self.name_parts.values()))
        keyword_units = sum(clues) * PARTY_FACTOR[min(parties, 2)]
        if len(clues) == 1:
            keyword_units *= LONE_CLUE
        units = self.alias
        if units and not self.alias_specific and (clues or (parties and not self.alias_place)):
            units *= CORROBORATION
        units += keyword_units
        return units / (units + 1.0)

    def why(self) -> tuple[str, ...]:
        """The terms that made the score, strongest first."""
        if self.veto:
            return (f"exclude: {self.veto}",)
        terms = sorted({**self.name_parts, **self.keywords}.items(), key=lambda kv: -kv[1])
        named = [f"alias: {self.alias_label}"] if self.alias else []
        return (*named, *(f"keyword: {term}" for term, _ in terms))
