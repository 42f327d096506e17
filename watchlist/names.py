"""Find the names a pledge is about and the other ways people write them.

A communique defines some acronyms ("Belt and Road Initiative (BRI)"); news uses others nobody
defined ("KCR" for Karachi Circular Railway, "CPFTA" for a China-Pakistan Free Trade Agreement
the text calls Pakistan-China). Both kinds become aliases, with the spelling variants a
headline writer might use ("Main Line-1", "ML-1", "Mainline-1", "Main Line 1").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from watchlist.lexicon import (
    CALENDAR_WORDS,
    FACILITY_NOUNS,
    GENERIC_WORDS,
    INITIALISM_HEADS,
    INSTITUTION_HEADS,
    OPENING_WORDS,
    PERSON_TITLES,
    PROJECT_HEADS,
    SECTOR_WORDS,
    STOPWORDS,
)

_CONNECTORS = ("of", "on", "in", "for", "and", "the", "de", "&")
_CAP = r"[A-Z][\w’']*(?:-[\w]+)*"
_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:{'|'.join(_CONNECTORS)})\s+)*{_CAP})*(?:\s\d{{1,3}}\b)?")
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&-]*[A-Z0-9])\s*\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z](?:-?\d+)?$|^[A-Z]{1,4}-\d+$|^[A-Z]{2,}[ -]?\d+$")
_FACILITY = re.compile(r"\b((?:[A-Z][a-z’']+)(?:[ -][A-Z][a-z’']+)*)\s+(" + "|".join(FACILITY_NOUNS) + r")\b")
_COUNTRY_PAIR = re.compile(r"^[A-Z][a-z]+-[A-Z][a-z]+$")
_NAME_PIECE = re.compile(r"(?:(?!\s+and\s+|\b(?:" + "|".join(CALENDAR_WORDS) + r")\b).)+")
_NUMBERED = re.compile(r"^(.*?)[- ]?(\d+)$")
# "Year of Tourism Exchanges" is a "Tourism Exchanges Year" in a headline.
_PERIOD_OF = re.compile(
    r"^(Year|Month|Week|Decade|Festival) of (?!the\b)([A-Z][\w’'-]*(?: (?:and |& )?[A-Z][\w’'-]*){0,3})$"
)
MAX_DEFINITION_WORDS = 8
MAX_DEFINITIONS = 200
GENERIC_ACRONYMS = frozenset("MOU MOUS MOUs UN IT GDP PM FM CEO USD EU OK TV AI ID NGO NGOs SME SMEs".upper().split())


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing named in a pledge: `key` identifies it across the document, `aliases` spell it."""

    key: str
    display: str
    aliases: tuple[str, ...]
    is_project: bool
    start: int

    @property
    def is_identifying(self) -> bool:
        """Projects, acronyms and institutions identify a pledge; places ("South China Sea") and
        common phrases ("Joint Committee") do not."""
        words = self.display.split()
        if len(words) == 2 and words[0].lower() in GENERIC_WORDS and not any(c.isdigit() for c in self.display):
            return False
        head = _head(words)
        return self.is_project or head in INSTITUTION_HEADS or any(_ACRONYM.match(a) for a in self.aliases)


def _is_common(word: str) -> bool:
    """A dictionary word of the kind every statement uses, so no part of a specific name."""
    lowered = word.lower()
    return lowered in GENERIC_WORDS or lowered in STOPWORDS or lowered in SECTOR_WORDS or lowered in PROJECT_HEADS


def _head(words: list[str]) -> str:
    """The head noun of a name: its last word before any connector ("Year" of "Year of Tourism")."""
    head = next((i for i, w in enumerate(words) if w.lower() in _CONNECTORS), len(words)) - 1
    return re.sub(r"[-\s]?\d+$", "", words[max(head, 0)]).lower()


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines in parentheses, mapped to the long name they follow."""
    found: dict[str, str] = {}
    tried: set[str] = set()
    for match in _DEFINED.finditer(text):
        acronym = match.group(1)
        if acronym in tried or len(tried) >= MAX_DEFINITIONS:
            continue
        tried.add(acronym)
        words = text[max(0, match.start() - 200) : match.start()].split()[-10:]
        long_name = _expansion(acronym, words)
        if long_name:
            found[acronym] = long_name
    return found


def _expansion(acronym: str, words: list[str]) -> str | None:
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    for size in range(1, min(len(words), MAX_DEFINITION_WORDS) + 1):
        tail = words[-size:]
        if tail[0][:1] != letters[:1]:
            continue
        if letters in _initial_options(tail):
            return " ".join(tail)
    return None


def _initial_options(words: list[str]) -> set[str]:
    """Every initialism a run of words could make: connectors may or may not count, hyphen parts may,
    and a later word may be left out ("India-Middle East-Europe Economic Corridor (IMEC)")."""
    options: list[list[str]] = []
    for position, word in enumerate(words):
        parts = [p for p in word.split("-") if p]
        if word.lower() in _CONNECTORS or word[:1].islower():
            choices = ["", word[:1].upper()]
        elif len(parts) > 1 and all(p[:1].isupper() for p in parts):
            choices = ["".join(p[0] for p in parts), parts[0][0]]
        else:
            choices = [word[:1].upper()]
        options.append(choices if position == 0 or "" in choices else [*choices, ""])
    return {"".join(choice) for choice in itertools.product(*options)}


def derived_initialisms(name: str) -> tuple[str, ...]:
    """Initialisms of undefined project names: "Karachi Circular Railway" → KCR, "Main Line-1" → ML-1."""
    words = name.split()
    if any(w.lower() in _CONNECTORS for w in words) or len(words) < 2:
        return ()
    numbered = _NUMBERED.match(words[-1])
    suffix = ""
    if numbered and numbered.group(1):
        words = [*words[:-1], numbered.group(1)]
        suffix = "-" + numbered.group(2)
    elif words[-1].lower() not in INITIALISM_HEADS:
        return ()
    if not suffix and all(_is_common(p) for w in words for p in w.split("-")):
        return ()
    letters = "".join(p[0] for w in words for p in w.split("-") if p[:1].isupper())
    if len(letters) < 2 or (len(letters) < 3 and not suffix):
        return ()
    return (letters + suffix,)


def spelling_variants(name: str) -> tuple[str, ...]:
    """The same name as headline writers vary it: hyphen or space before a number, joined words, swapped pairs."""
    variants = [name]
    words = name.split()
    numbered_acronym = re.fullmatch(r"([A-Z]{2,})[ -]?(\d+)", name)
    if numbered_acronym:
        letters, number = numbered_acronym.groups()
        return tuple(dict.fromkeys([name, f"{letters} {number}", f"{letters}{number}", f"{letters}-{number}"]))
    numbered = _NUMBERED.match(words[-1]) if words else None
    if numbered and numbered.group(1) and "-" in words[-1]:
        spaced = " ".join([*words[:-1], numbered.group(1), numbered.group(2)])
        variants.append(spaced)
        if len(words) == 2:
            variants.append(words[0] + numbered.group(1).lower() + "-" + numbered.group(2))
    if words and _COUNTRY_PAIR.match(words[0]) and not any("-" in w for w in words[1:]):
        first, second = words[0].split("-")
        variants.append(" ".join([f"{second}-{first}", *words[1:]]))
        rest = words[1:]
        if len(rest) >= 3 and any(w in ("of", "on", "for") for w in rest):
            variants.append(" ".join(rest))
    variants.extend(f"{m.group(2)} {m.group(1)}" for v in list(variants) if (m := _PERIOD_OF.match(v)))
    variants.extend(v.replace("’", "'") for v in list(variants) if "’" in v)
    return tuple(dict.fromkeys(variants))


def find_entities(text: str, acronyms: dict[str, str]) -> list[Entity]:
    """Named things in a pledge's text, in order of appearance, each with all its aliases."""
    entities: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for long_name in sorted(set(acronyms.values()), key=len, reverse=True):
        for match in re.finditer(re.escape(long_name), text):
            taken.append((match.start(), match.end()))
            entities.append(_defined_entity(long_name, acronyms, match.start()))
    for match in _FACILITY.finditer(text):
        if not _overlaps(match.span(), taken) and match.group(1).split()[0].lower() not in OPENING_WORDS:
            taken.append(match.span())
            entities.append(_facility_entity(match.group(1), match.group(2), text[match.end() :], match.start()))
    for match in _NAME.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        for offset, piece in _split_name(match.group(), match.start()):
            entity = _plain_entity(piece, acronyms, offset)
            if entity is not None:
                entities.append(entity)
    return sorted(entities, key=lambda e: e.start)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _split_name(name: str, start: int) -> list[tuple[int, str]]:
    """Split "Islamabad and Beijing" in two and drop opening words ("The", "Further") from the front."""
    pieces: list[tuple[int, str]] = []
    for found in re.finditer(_NAME_PIECE, name):
        words = found.group().split()
        skip = 0
        while skip < len(words) and (words[skip].lower() in OPENING_WORDS or words[skip].lower() in _CONNECTORS):
            skip += 1
        kept = words[skip:]
        while kept and kept[-1].lower() in _CONNECTORS:
            kept.pop()
        if kept:
            text = " ".join(kept).rstrip(".")
            pieces.append((start + found.start() + found.group().find(kept[0]), text))
    return pieces


def _defined_entity(long_name: str, acronyms: dict[str, str], start: int) -> Entity:
    acronym = next(a for a, n in acronyms.items() if n == long_name)
    aliases = [*spelling_variants(long_name), acronym]
    for variant in spelling_variants(long_name)[1:]:
        aliases.extend(derived_initialisms(variant))
    return Entity(long_name, long_name, tuple(dict.fromkeys(aliases)), _is_project(long_name), start)


def _facility_entity(place: str, facility: str, after: str, start: int) -> Entity:
    display = f"{place} {facility}"
    aliases = [f"{place} {facility.title()}"]
    for more in re.finditer(rf"\bthe\s+{re.escape(facility)}\s+and\s+({'|'.join(FACILITY_NOUNS)})\b", after):
        aliases.append(f"{place} {more.group(1).title()}")
    return Entity(display.lower(), display, tuple(aliases), True, start)


def _plain_entity(name: str, acronyms: dict[str, str], start: int) -> Entity | None:
    words = name.split()
    if words[0].lower() in PERSON_TITLES:
        return None
    if len(words) == 1:
        acronym = re.sub(r"[’']s$", "", words[0])
        if acronym in acronyms:
            return _defined_entity(acronyms[acronym], acronyms, start)
        if _ACRONYM.match(acronym) and acronym.upper() not in GENERIC_ACRONYMS and len(acronym) >= 3:
            return Entity(acronym, acronym, (acronym,), False, start)
        return None
    aliases: list[str] = []
    for variant in spelling_variants(name):
        aliases.append(variant)
        aliases.extend(derived_initialisms(variant))
    return Entity(name, name, tuple(dict.fromkeys(aliases)), _is_project(name), start)


def _is_project(name: str) -> bool:
    """A name for something built, held or signed; its head is the last word before any connector."""
    words = name.split()
    return _head(words) in PROJECT_HEADS or bool(_NUMBERED.match(words[-1]) and "-" in words[-1])


def acronym_table(text: str) -> dict[str, str]:
    """Defined acronyms plus used-but-undefined ones that spell a name in the text ("CPFTA")."""
    table = defined_acronyms(text)
    used = {token for token in re.findall(r"\b[A-Z][A-Z0-9-]{1,9}\b", text)} - set(table)
    for match in _NAME.finditer(text):
        for _, piece in _split_name(match.group(), match.start()):
            for variant in spelling_variants(piece):
                for initialism in derived_initialisms(variant):
                    if initialism in used and initialism not in table:
                        table[initialism] = piece
    return table
