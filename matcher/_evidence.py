"""What each find in an article is worth, and how finds add up to units of evidence for one pledge.

Evidence is counted in units where 1.0 is "as likely as not"; a score is units / (units + 1):
bounded in [0, 1), monotone, and 0.5 exactly at one unit, the default threshold.

- A specific name (several words or a number: "ML-1", "Karachi Circular Railway") names the
  pledge on its own: 4 units in a title.
- A one-word name ("Gwadar", "KCR") is a strong hint, but a town or an acronym can mean other
  things, so alone it stays below one unit; a keyword of the same pledge, or a party of the
  communique named in the article, corroborates it and doubles it. A guarded name (an everyday word
  or a short acronym: "RISE", "SCO") and a place taken from a facility name need a keyword.
- Keywords only support. Each is a clue worth its IDF weight (see `_compile`); the words of the
  pledge's own name ("karachi", "circular") are one clue together; a lone clue counts half.
  Keyword evidence is scaled by whose news it is (`party_factor`).
- Where a find is matters: the title says what an article is about (weight 1), the summary's first
  sentence less (0.7), the rest of it least (0.5).
- An exclude phrase vetoes the pledge, whatever else was found.
"""

from __future__ import annotations

from matcher._index import Position, Role, Target

POSITION_WEIGHT = {Position.TITLE: 1.0, Position.LEAD: 0.7, Position.BODY: 0.5}
CORROBORATION = 2.0
LONE_CLUE = 0.5
# Keyword evidence by the share of the communique's parties the article names, and whether another
# country or organisation shares the news: "India and China resume flights" is not Pakistan–China news.
ALL_PARTIES = 1.0
SOME_PARTIES = 0.6
SOME_PARTIES_AND_OTHERS_IN_SUMMARY = 0.45
SOME_PARTIES_AND_OTHERS_IN_TITLE = 0.1
_NO_CLUE = (0.0, Position.TITLE)  # a clue not yet found is worth nothing


def party_factor(parties_named: int, parties: int, others_in_title: bool, others_in_summary: bool) -> float:
    """How much keyword evidence counts, given whose news the article is."""
    if parties and parties_named >= parties:
        return ALL_PARTIES
    if parties_named == 0:
        return 0.0
    if others_in_title:
        return SOME_PARTIES_AND_OTHERS_IN_TITLE
    return SOME_PARTIES_AND_OTHERS_IN_SUMMARY if others_in_summary else SOME_PARTIES


class Evidence:
    """What was found for one pledge in one article: the best name and each clue, with where.

    A plain slotted class rather than a dataclass: one is made for every pledge an article touches,
    and literal dicts in `__init__` cost less than default factories.
    """

    __slots__ = ("in_title", "keywords", "name_parts", "names", "veto")

    def __init__(self) -> None:
        self.names: dict[Position, Target] = {}
        self.keywords: dict[str, tuple[float, Position]] = {}
        self.name_parts: dict[str, tuple[float, Position]] = {}
        self.veto = ""
        self.in_title = False

    def add(self, target: Target, position: Position) -> None:
        """Count one find; keywords, by far the most common, are tested first."""
        if position is Position.TITLE:
            self.in_title = True
        if target.role is Role.KEYWORD:
            clues = self.name_parts if target.name_part else self.keywords
            value = target.strength * POSITION_WEIGHT[position]
            if value > clues.get(target.label, _NO_CLUE)[0]:
                clues[target.label] = (value, position)
        elif target.role is Role.NAME:
            best = self.names.get(position)
            if best is None or target.strength > best.strength:
                self.names[position] = target
        else:
            self.veto = target.label

    @property
    def named_in_title(self) -> bool:
        return Position.TITLE in self.names

    @property
    def named_in_lead(self) -> bool:
        """A name of the pledge opens the summary: the summary may show it is the article's subject."""
        return Position.LEAD in self.names

    def units(self, factor: float, parties_named: bool) -> tuple[float, float]:
        """Units of evidence from the title alone and from the whole article; `factor` is `party_factor`.

        A one-word name is weak enough that whose news it is matters too: when other countries share
        the headline ("Kashmir" beside India alone), it counts as little as keywords do; a specific
        name ("ML-1") names the pledge whoever else is in the news.
        """
        if self.veto:
            return 0.0, 0.0
        title_sum = total_sum = 0.0
        title_count = total_count = 0
        for value, where in self.keywords.values():
            total_sum += value
            total_count += 1
            if where is Position.TITLE:
                title_sum += value
                title_count += 1
        if self.name_parts:
            best = max(self.name_parts.values())
            total_sum += best[0]
            total_count += 1
            title_parts = [value for value, where in self.name_parts.values() if where is Position.TITLE]
            if title_parts:
                title_sum += max(title_parts)
                title_count += 1
        title_keywords = title_sum * factor * (LONE_CLUE if title_count == 1 else 1.0)
        total_keywords = total_sum * factor * (LONE_CLUE if total_count == 1 else 1.0)
        title_names = total_names = 0.0
        for position, target in self.names.items():
            value = self._name_units(target, total_count > 0, parties_named) * POSITION_WEIGHT[position]
            if not target.specific and factor <= SOME_PARTIES_AND_OTHERS_IN_TITLE:
                value *= factor
            total_names = max(total_names, value)
            if position is Position.TITLE:
                title_names = self._name_units(target, title_count > 0, parties_named) * (
                    factor if not target.specific and factor <= SOME_PARTIES_AND_OTHERS_IN_TITLE else 1.0
                )
        return title_names + title_keywords, total_names + total_keywords

    @staticmethod
    def _name_units(target: Target, clues: bool, parties_named: bool) -> float:
        if target.specific:
            return target.strength
        if target.guarded or target.place:
            return target.strength * CORROBORATION if clues else 0.0
        return target.strength * (CORROBORATION if clues or parties_named else 1.0)

    def why(self) -> tuple[str, ...]:
        """The terms that made the units, strongest first, each with where it was found."""
        if self.veto:
            return (f"exclude: {self.veto}",)
        names = sorted(self.names.items(), key=_name_rank)
        clues = sorted({**self.name_parts, **self.keywords}.items(), key=_clue_rank)
        return (
            *[_term("alias", target.label, position) for position, target in names],
            *[_term("keyword", label, position) for label, (_, position) in clues],
        )


def _name_rank(found: tuple[Position, Target]) -> tuple[float, Position]:
    position, target = found
    return -target.strength * POSITION_WEIGHT[position], position


def _clue_rank(found: tuple[str, tuple[float, Position]]) -> float:
    return -found[1][0]


def _term(role: str, label: str, position: Position) -> str:
    return f"{role}: {label}" if position is Position.TITLE else f"{role}: {label} (summary)"
