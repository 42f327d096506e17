"""Generate a watchlist from the text of a communique: deterministic, offline, no models.

The story: parse the text into sections, paragraphs and sentences; find its acronyms and date;
find every commitment, one clause each (`clauses`); drop names that run through the whole
statement from the aliases (they identify no single commitment); give each commitment a title
(`titles`), a stable id, aliases, keywords, sector tags, a deadline relative to the statement's
date (`deadlines`) and a news-search query; and mark the umbrella a programme's parts belong to.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from watchlist.clauses import Clause, find_clauses
from watchlist.deadlines import find_deadline, find_statement_date
from watchlist.lexicon import FACILITY_NOUNS, STOPWORDS
from watchlist.model import Commitment, Source, Watchlist
from watchlist.names import Entity, acronym_table, find_entities
from watchlist.places import Place, find_parties
from watchlist.terms import WordRarity, keywords, sector_tags, words_of
from watchlist.text import Document, collapse, parse_document
from watchlist.titles import title_for
from watchlist.vocabulary import everyday_word

MAX_ID_WORDS = 6
_NUMBERED_NAME = re.compile(r"^[A-Z]+-\d+$")
WIDESPREAD_PARAGRAPHS = 5
WIDESPREAD_SECTIONS = 3
MAX_QUERY_NAMES = 3
QUERY_KEYWORDS = 12
QUERY_PARTY_FORMS = 2


def generate_watchlist(
    text: str, source_path: str, title: str | None = None, date: datetime.date | None = None
) -> Watchlist:
    """One commitment per pledge, stance, mechanism and agreement found in `text`."""
    document = parse_document(text)
    acronyms = acronym_table(text)
    widespread = _widespread_names(document, acronyms)
    statement_date = date or find_statement_date(text)
    places = find_parties(document.title or "", (document.of(p.span) for p in document.paragraphs))
    parties = [_any_of([*place.forms[:QUERY_PARTY_FORMS], *place.cities[:1]]) for place in places]
    party_words = frozenset(w.lower() for place in places for name in place.names for w in words_of(name))
    rarity = WordRarity(document.of(p.span) for p in document.paragraphs)
    ids: Counter[str] = Counter()
    commitments = []
    for clause in find_clauses(document):
        commitment = _commitment(document, clause, acronyms, widespread, rarity, statement_date, parties, party_words)
        ids[commitment.id] += 1
        if ids[commitment.id] > 1:
            commitment = dataclasses.replace(commitment, id=f"{commitment.id}-{ids[commitment.id]}")
        commitments.append(commitment)
    commitments = _umbrellas(commitments, document, acronyms, widespread)
    source_title = title or document.title or _statement_title(document.text, places, statement_date)
    source_title = source_title or _title_from_path(source_path)
    return Watchlist(tuple(commitments), Source(source_title, statement_date, source_path))


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


def _framing_deadline(document: Document, clause: Clause, statement_date: datetime.date | None) -> datetime.date | None:
    """An item of a list with no time of its own takes its lead-in's ("agreed to initiatives for 2017: …")."""
    return find_deadline(document.of(clause.frame), statement_date) if clause.frame is not None else None


def _commitment(
    document: Document,
    clause: Clause,
    acronyms: dict[str, str],
    widespread: set[str],
    rarity: WordRarity,
    statement_date: datetime.date | None,
    parties: list[str],
    party_words: frozenset[str],
) -> Commitment:
    quote_text = document.text[clause.span.start : clause.span.end]
    action = document.text[clause.action : clause.span.end]
    context = document.text[clause.span.start : clause.action]
    entities = _entities(quote_text, acronyms)
    own = [e for e in entities if e.key not in widespread and e.is_identifying]
    title = title_for(clause.kind, clause.cue, document.text[clause.cue_start : clause.span.end])
    aliases = _aliases(own, party_words)
    chosen = keywords(action, context, rarity, party_words)
    return Commitment(
        id=_slug_for(title, aliases, action),
        title=title,
        section=clause.section,
        quote=collapse(quote_text),
        kind=clause.kind,
        aliases=aliases,
        keywords=chosen,
        tags=sector_tags(action, context),
        deadline=find_deadline(quote_text, statement_date) or _framing_deadline(document, clause, statement_date),
        search=_search(aliases, chosen, parties),
    )


def _entities(text: str, acronyms: dict[str, str]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in find_entities(text, acronyms):
        seen.setdefault(entity.key, entity)
    return list(seen.values())


def _aliases(entities: list[Entity], party_words: frozenset[str]) -> tuple[str, ...]:
    """Names of the commitment's own projects and institutions; never a party's name, never an everyday
    word that is no all-capitals acronym ("Compact", "Trust")."""
    kept = []
    for alias in dict.fromkeys(a for e in entities for a in e.aliases):
        one_word = re.fullmatch(r"[^\W\d_]+", alias) is not None
        if alias.lower() in party_words or (one_word and not alias.isupper() and everyday_word(alias)):
            continue
        kept.append(alias)
    return tuple(kept)


def _search(aliases: tuple[str, ...], chosen: tuple[str, ...], parties: list[str]) -> str:
    """A news-search query: any of the commitment's names, or its parties and any of its topic words.

    Search engines read spaces as AND and "quotes" as exact phrases, so a long quoted phrase finds
    nothing ("Military visits, training, joint exercises…") and so does a string of several required
    words: names are quoted only when they have several words, and topic words are alternatives.
    """
    if aliases:
        names = sorted(dict.fromkeys(aliases), key=len)[:MAX_QUERY_NAMES]
        return _any_of(names)
    words = [k for k in chosen if len(k.split()) <= 2][:QUERY_KEYWORDS]
    return " ".join([*parties, _any_of(words)]) if words else " ".join(parties)


def _any_of(terms: list[str]) -> str:
    quoted = [f'"{t}"' if " " in t else t for t in terms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def _umbrellas(
    commitments: list[Commitment], document: Document, acronyms: dict[str, str], widespread: set[str]
) -> list[Commitment]:
    """A programme named across the statement ("CPEC") is an umbrella: the commitment about the programme
    itself gets its names as aliases, and commitments about one of its named projects get it as `parent`.

    The umbrella is the first commitment whose title names the programme and whose quote names no
    project of its own; a part is a commitment with a name of its own that names the programme or
    stands under a heading that does ("Reviving CPEC & BRI").
    """
    updated = list(commitments)
    for name in sorted(widespread):
        entities = {c.id: _entities(c.quote, acronyms) for c in updated}
        mentions = [c for c in updated if any(e.key == name for e in entities[c.id])]
        umbrella = next(
            (
                c
                for c in mentions
                if any(a in c.title for e in entities[c.id] if e.key == name for a in e.aliases)
                and not [e for e in entities[c.id] if e.key not in widespread and e.is_project]
            ),
            None,
        )
        if umbrella is None:
            continue
        names = next(e.aliases for e in entities[umbrella.id] if e.key == name)
        for index, commitment in enumerate(updated):
            if commitment.id == umbrella.id:
                updated[index] = dataclasses.replace(
                    commitment, aliases=tuple(dict.fromkeys((*commitment.aliases, *names)))
                )
            elif _under(commitment, mentions, names) and commitment.parent is None and commitment.aliases:
                updated[index] = dataclasses.replace(commitment, parent=umbrella.id)
    return updated


def _under(commitment: Commitment, mentions: list[Commitment], names: tuple[str, ...]) -> bool:
    """A commitment belongs to a programme when it names it or stands under a heading that does."""
    return commitment in mentions or any(name in commitment.section for name in names)


def _slug_for(title: str, aliases: tuple[str, ...], action: str) -> str:
    """The id: the commitment's own name when it has one ("ml-1-railway", "karachi-circular-railway"),
    else the content words of its title. A numbered name takes the kind of thing it names ("ML-1"
    + "railway"), so the id says what it is."""
    numbered = next((a for a in aliases if _NUMBERED_NAME.match(a)), None)
    if numbered is not None:
        at = min((i for a in aliases if (i := action.find(a)) >= 0), default=0)
        facility = re.search(r"\b(" + "|".join(FACILITY_NOUNS) + r")\b", action[at : at + 80])
        return slugify(f"{numbered} {facility.group(1) if facility else ''}")
    named = [a for a in aliases if " " in a]
    if named:
        return slugify(named[0])
    content = [w for w in words_of(title) if w not in STOPWORDS]
    return slugify(" ".join(content[:MAX_ID_WORDS])) or "commitment"


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens: "Main Line-1 railway" → "main-line-1-railway"."""
    ascii_text = text.lower().replace("’", "").replace("'", "").replace("&", " and ")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[: MAX_ID_WORDS + 2])


def _statement_title(text: str, parties: Sequence[Place], date: datetime.date | None) -> str | None:
    """The heading a statement that opens without one would have: its parties, what it calls itself, its month
    ("China–Pakistan joint communique, November 2022"); None when no parties are found."""
    if not parties:
        return None
    kind = "joint communique" if "communiqu" in text.lower() else "joint statement"
    month = f", {date:%B %Y}" if date else ""
    return f"{'–'.join(party.forms[0] for party in parties)} {kind}{month}"


def _title_from_path(source_path: str) -> str:
    return PurePath(source_path).stem.replace("_", " ").replace("-", " ").strip().capitalize()
