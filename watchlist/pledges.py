"""Find the pledges of a parsed communique: which sentences promise, and how they group.

Consecutive promising sentences of one paragraph are one pledge (a promise restated), unless they
name different projects; a sentence that names two projects is two pledges; a sentence that only
points back ("in this regard") takes the sentence before it along so that it says what it is about.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchlist.cues import leans_on_previous, pledge_start
from watchlist.lexicon import GENERIC_WORDS, STOPWORDS
from watchlist.names import Entity, find_entities
from watchlist.terms import words_of
from watchlist.text import Document, Span


@dataclass(frozen=True, slots=True)
class Pledge:
    """Sentences that state one promise; `focus` is where its own subject starts and ends."""

    section: str
    span: Span
    focus: Span
    cue_end: int
    entities: tuple[Entity, ...]


def find_pledges(document: Document, acronyms: dict[str, str], widespread: set[str]) -> list[Pledge]:
    """Pledges in document order; `widespread` names (the statement's overall theme) never split one."""
    finder = _Finder(document, acronyms, widespread)
    pledges: list[Pledge] = []
    previous: Span | None = None
    section = ""
    for paragraph in document.paragraphs:
        if paragraph.section != section:
            previous, section = None, paragraph.section
        group: list[Span] = []
        before: Span | None = None
        for sentence in paragraph.sentences:
            text = document.of(sentence)
            promising = pledge_start(text) is not None
            if group and (not promising or finder.names_other_project(document.of(group[-1]), text)):
                pledges.extend(finder.close(paragraph.section, group, before))
                group = []
            if promising:
                before = before if group else previous
                group.append(sentence)
            previous = sentence
        pledges.extend(finder.close(paragraph.section, group, before))
    return pledges


class _Finder:
    """What grouping needs to know about the document: its acronyms and its overall themes."""

    def __init__(self, document: Document, acronyms: dict[str, str], widespread: set[str]) -> None:
        self.document = document
        self.acronyms = acronyms
        self.widespread = widespread

    def entities(self, start: int, end: int) -> list[Entity]:
        return _unique(find_entities(self.document.text[start:end], self.acronyms), start)

    def projects(self, text: str) -> set[str]:
        return {e.key for e in find_entities(text, self.acronyms) if e.is_project and e.key not in self.widespread}

    def names_other_project(self, earlier: str, later: str) -> bool:
        """Two sentences about different projects are two pledges even when they follow each other."""
        first, second = self.projects(earlier), self.projects(later)
        return bool(first and second and first != second)

    def close(self, section: str, group: list[Span], before: Span | None) -> list[Pledge]:
        """Turn a run of promising sentences into one pledge per project it names."""
        if not group:
            return []
        start, end = group[0].start, group[-1].end
        first = self.document.of(group[0])
        cue_end = group[0].start + (pledge_start(first) or 0)
        entities = self.entities(start, end)
        own_words = sum(1 for w in words_of(first) if w not in STOPWORDS and w not in GENERIC_WORDS)
        if before is not None and not entities and leans_on_previous(first, own_words):
            start = before.start
            entities = self.entities(start, end)
        span = Span(start, end)
        projects = [e for e in entities if e.is_project and e.start >= cue_end and e.key not in self.widespread]
        if len(group) > 1 or len(projects) < 2:
            return [Pledge(section, span, span, cue_end, tuple(entities))]
        starts = [cue_end, *(p.start for p in projects[1:])]
        stops = [*starts[1:], end]
        return [
            Pledge(section, span, Span(first, stop), cue_end, tuple(e for e in entities if first <= e.start < stop))
            for first, stop in zip(starts, stops, strict=True)
        ]


def _unique(entities: list[Entity], offset: int) -> list[Entity]:
    """One entity per key, at its first mention, with positions in document coordinates."""
    seen: dict[str, Entity] = {}
    for entity in entities:
        if entity.key not in seen:
            seen[entity.key] = Entity(
                entity.key, entity.display, entity.aliases, entity.is_project, entity.start + offset
            )
    return list(seen.values())
