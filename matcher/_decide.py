"""From the evidence for every pledge to the pledges an article is about: the rules of aboutness.

1. Whose news: keyword evidence counts in proportion to the communique's parties the article names,
   and less when another country or organisation shares the headline (`_evidence.party_factor`).
2. Title first: the title says what an article is about. Summary finds support a pledge the title
   names; a pledge found only in the summary needs one of its names in the summary's first
   sentence, and a title that sets no other topic — a name in passing, or a few keywords, do not
   make news about a pledge.
3. Umbrellas: a pledge that others name as `parent` is dropped when one of its parts is matched:
   news about ML-1 is not news about "the momentum of CPEC projects" as a whole.
4. Main topic: pledges far weaker than the best one are dropped, unless the title names them; an
   article is about one or two things, not every pledge it brushes.

Each rule leaves a note, so `explain` can say why a pledge scored what it did or was dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matcher._compile import Compiled
from matcher._evidence import Evidence, party_factor
from matcher._index import Hit, Position

TITLE_TOPIC_UNITS = 0.3
"""Title evidence this strong for another pledge means the title sets the article's topic."""
MAIN_TOPIC_SHARE = 0.5
"""A match is kept when its units are at least this share of the best match's."""
MAX_MATCHES = 3


@dataclass(slots=True)
class Assessment:
    """One pledge's evidence in one article and what the rules made of it."""

    number: int
    evidence: Evidence
    units: float = 0.0
    title_units: float = 0.0
    factor: float = 1.0
    others_named: bool = False
    explained: bool = False
    kept: bool = False
    notes: list[str] = field(default_factory=list)


def assess(compiled: Compiled, hits: list[Hit], threshold_units: float) -> list[Assessment]:
    """Every pledge with any evidence, its units and whether it is kept, in watchlist order."""
    evidence, named_title, named_summary = _gather(hits)
    if not evidence:
        return []
    assessments = _weigh(compiled, evidence, named_title, named_summary)
    _title_first(assessments, compiled)
    for assessment in assessments:
        assessment.kept = assessment.units >= threshold_units and not assessment.evidence.veto
    _umbrellas(assessments, compiled)
    _main_topic(assessments, compiled)
    return assessments


def _gather(hits: list[Hit]) -> tuple[dict[int, Evidence], set[str], set[str]]:
    """The evidence for each pledge, and the places named in the title and in the summary."""
    evidence: dict[int, Evidence] = {}
    named_title: set[str] = set()
    named_summary: set[str] = set()
    for term, position in hits:
        if term.places:
            (named_title if position is Position.TITLE else named_summary).update(term.places)
        for target in term.targets:
            found = evidence.get(target.commitment)
            if found is None:
                found = evidence[target.commitment] = Evidence()
            found.add(target, position)
    return evidence, named_title, named_summary


def _weigh(
    compiled: Compiled, evidence: dict[int, Evidence], named_title: set[str], named_summary: set[str]
) -> list[Assessment]:
    """Each pledge's units, weighed by whose news the article is; places a pledge names itself are no
    other party for it."""
    parties = compiled.parties
    named_parties = len(parties & (named_title | named_summary))
    others_title = named_title - parties
    others_summary = named_summary - parties
    assessments = []
    for number in sorted(evidence):
        found = evidence[number]
        subject = compiled.subjects[number]
        in_title = bool(others_title) and bool(others_title - subject)
        in_summary = bool(others_summary) and bool(others_summary - subject)
        factor = party_factor(named_parties, len(parties), in_title, in_summary)
        title_units, units = found.units(factor, named_parties > 0)
        assessment = Assessment(number, found, units, title_units, factor, in_title or in_summary)
        if in_title or in_summary:
            shown = sorted((others_title | others_summary) - subject)
            assessment.notes.append(f"other parties named: {', '.join(shown)}")
        assessments.append(assessment)
    return assessments


def _title_first(assessments: list[Assessment], compiled: Compiled) -> None:
    topics = [b for b in assessments if b.title_units >= TITLE_TOPIC_UNITS]
    for a in assessments:
        if a.evidence.in_title or not a.units:
            continue
        topic = next((b for b in topics if b is not a), None)
        if topic is not None:
            a.notes.append(f"found in the summary only; the title is about {compiled.ids[topic.number]}")
            a.units = 0.0
        elif not a.evidence.named_in_lead:
            a.notes.append("found in the summary only, and not named in its first sentence")
            a.units = 0.0


def _umbrellas(assessments: list[Assessment], compiled: Compiled) -> None:
    """An umbrella is explained by any part beneath it, however deep (ML-1 under CPEC under the BRI)."""
    explained_by: dict[int, int] = {}
    for a in assessments:
        if a.kept:
            parent = compiled.parents[a.number]
            while parent is not None and parent not in explained_by:
                explained_by[parent] = a.number
                parent = compiled.parents[parent]
    for a in assessments:
        if a.number in explained_by:
            a.explained = True
            if a.kept:
                a.kept = False
                a.notes.append(f"umbrella: explained by {compiled.ids[explained_by[a.number]]}")


def _main_topic(assessments: list[Assessment], compiled: Compiled) -> None:
    kept = sorted((a for a in assessments if a.kept), key=lambda a: -a.units)
    if not kept:
        return
    best = kept[0]
    for rank, a in enumerate(kept[1:], start=1):
        named = a.evidence.named_in_title
        if (a.units < MAIN_TOPIC_SHARE * best.units and not named) or rank >= MAX_MATCHES:
            a.kept = False
            a.notes.append(f"not the main topic: {compiled.ids[best.number]} is far stronger")
