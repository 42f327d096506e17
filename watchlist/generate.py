"""Generate a watchlist from the text of a communique: deterministic, offline, no models.

The story: parse the text into sections and sentences, find the acronyms it uses, find the
pledges, drop names that run through the whole document (they identify no single pledge), then
give each pledge a title, a stable id, aliases, keywords, sector tags and a deadline.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections import Counter
from pathlib import PurePath

from watchlist.deadlines import find_deadline, find_statement_date
from watchlist.lexicon import FACILITY_NOUNS, GENERIC_WORDS, STOPWORDS
from watchlist.model import Commitment, Source, Watchlist
from watchlist.names import Entity, acronym_table, find_entities
from watchlist.pledges import Pledge, find_pledges
from watchlist.terms import WordRarity, keywords, sector_tags, words_of
from watchlist.text import Document, collapse, parse_document

MAX_TITLE_WORDS = 10
MAX_ID_WORDS = 5
WIDESPREAD_PARAGRAPHS = 5
WIDESPREAD_SECTIONS = 3
_NUMBERED_ALIAS = re.compile(r"^[A-Z]+-\d+$")
_TITLE_END = re.compile(
    r"[;:.]|,\s(?:and|which|including|so as)\s|\s(?:which|so as|in order to|given)\s"
    r"|\sand\s+(?:\w+ly\s+)?(?:welcomed|supported|agreed|expressed|reaffirmed|decided|noted|encouraged)\b"
    r"|\sand\s+(?:will|shall|to)\s"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:\w+ly|to|further|continue to|jointly|together|each|both|also|the|on|in|for|of|decision to)\s+)+",
    re.IGNORECASE,
)


def generate_watchlist(
    text: str, source_path: str, title: str | None = None, date: datetime.date | None = None
) -> Watchlist:
    """One commitment per pledge found in `text`; an empty watchlist when nothing is promised."""
    document = parse_document(text)
    acronyms = acronym_table(text)
    widespread = _widespread_names(document, acronyms)
    pledges = find_pledges(document, acronyms, widespread)
    rarity = WordRarity(document.of(p.span) for p in document.paragraphs)
    ids: Counter[str] = Counter()
    commitments = []
    for pledge in pledges:
        commitment = _commitment(document, pledge, widespread, rarity)
        ids[commitment.id] += 1
        if ids[commitment.id] > 1:
            commitment = dataclasses.replace(commitment, id=f"{commitment.id}-{ids[commitment.id]}")
        commitments.append(commitment)
    source_title = title or document.title or _title_from_path(source_path)
    return Watchlist(tuple(commitments), Source(source_title, date or find_statement_date(text), source_path))


def _widespread_names(document: Document, acronyms: dict[str, str]) -> set[str]:
    """Names that run through the statement ("CPEC"): its theme, so supporting words, not identifiers."""
    paragraphs: Counter[str] = Counter()
    sections: dict[str, set[str]] = {}
    for paragraph in document.paragraphs:
        for key in {e.key for e in find_entities(document.of(paragraph.span), acronyms)}:
            paragraphs[key] += 1
            sections.setdefault(key, set()).add(paragraph.section)
    return {
        key
        for key in paragraphs
        if paragraphs[key] >= WIDESPREAD_PARAGRAPHS or len(sections[key]) >= WIDESPREAD_SECTIONS
    }


def _commitment(document: Document, pledge: Pledge, widespread: set[str], rarity: WordRarity) -> Commitment:
    focus_text = document.text[pledge.focus.start : pledge.focus.end]
    promise_start = max(pledge.cue_end, pledge.focus.start)
    promise = document.text[promise_start : pledge.focus.end]
    context = document.text[pledge.focus.start : promise_start]
    own = [e for e in pledge.entities if e.key not in widespread and e.is_identifying]
    shared = [e for e in pledge.entities if e.key in widespread and e.is_identifying]
    primary = _primary(own, pledge)
    title = _title(document, pledge, primary)
    aliases = tuple(dict.fromkeys(a for e in own for a in e.aliases))
    first_keywords = [min(e.aliases, key=len).lower() for e in shared]
    return Commitment(
        id=_slug_for(title, primary, focus_text),
        title=title,
        section=pledge.section,
        quote=collapse(document.text[pledge.span.start : pledge.span.end]),
        aliases=aliases,
        keywords=keywords(promise, context, rarity, first_keywords),
        tags=sector_tags(promise, context),
        deadline=find_deadline(focus_text) or find_deadline(document.text[pledge.span.start : pledge.span.end]),
    )


def _primary(entities: list[Entity], pledge: Pledge) -> Entity | None:
    in_focus = [e for e in entities if pledge.focus.start <= e.start < pledge.focus.end]
    projects = [e for e in in_focus if e.is_project and e.start >= pledge.cue_end]
    after_cue = [e for e in in_focus if e.start >= pledge.cue_end]
    for candidates in (projects, after_cue, in_focus):
        if candidates:
            return candidates[0]
    return None


def _title(document: Document, pledge: Pledge, primary: Entity | None) -> str:
    """The project's name when there is one, else the promise itself, shortened."""
    if primary is not None:
        after = document.text[primary.start + len(primary.display) : pledge.focus.end]
        facility = _following_facility(after, primary.display)
        return f"{primary.display} {facility}".strip()
    promise = collapse(document.text[pledge.cue_end : pledge.span.end])
    promise = _LEADING_FILLER.sub("", promise.strip())
    promise = _TITLE_END.split(promise, maxsplit=1)[0]
    words = promise.split()[:MAX_TITLE_WORDS]
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else "Pledge"


def _following_facility(after: str, display: str) -> str:
    """ "railway" for "Main Line-1 cross-country railway track": what kind of thing a short name is."""
    if len(display.split()) > 2:
        return ""
    found = re.search(r"\b(" + "|".join(FACILITY_NOUNS) + r")\b", after[:60])
    if found is None or found.group(1).lower() in display.lower():
        return ""
    return found.group(1)


def _slug_for(title: str, primary: Entity | None, focus_text: str) -> str:
    if primary is not None:
        numbered = next((a for a in primary.aliases if _NUMBERED_ALIAS.match(a)), None)
        if numbered is not None:
            facility = _following_facility(focus_text[focus_text.find(primary.display) :], primary.display)
            return slugify(f"{numbered} {facility}")
        return slugify(title)
    content = [w for w in words_of(title) if w not in STOPWORDS]
    distinctive = [w for w in content if w not in GENERIC_WORDS]
    return slugify(" ".join((distinctive if len(distinctive) >= 2 else content)[:MAX_ID_WORDS])) or "pledge"


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens: "Main Line-1 railway" → "main-line-1-railway"."""
    ascii_text = text.lower().replace("’", "").replace("'", "").replace("&", " and ")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[: MAX_ID_WORDS + 2])


def _title_from_path(source_path: str) -> str:
    return PurePath(source_path).stem.replace("_", " ").replace("-", " ").strip().capitalize()
