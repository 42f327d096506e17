"""Which pledge does the user mean? By id, alias or title exactly; else the closest by words.

People type "ML-1", "main line 1", "karachi railway" or a typo of an id. An exact name answers
at once; words that fit exactly one pledge answer at once too; anything else gets the closest
pledges as suggestions, because a list of buttons helps more than "not found".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from storage import ALL, COMMITMENT, KIND, TAG
from watchlist import Commitment, Kind, Watchlist

SUGGESTIONS = 5
_MIN_SUGGESTION_SCORE = 0.45
_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "is",
        "are",
        "was",
        "be",
        "it",
        "its",
        "this",
        "that",
        "as",
        "or",
        "pledge",
        "pledges",
    ]
)


def normalize(text: str) -> str:
    """Case, punctuation and spacing removed: "Main Line-1" and "main line 1" are the same name."""
    return " ".join(_WORD.findall(text.casefold()))


def _words(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word in _WORD.findall(text.casefold())}


def _query_words(query: str) -> set[str]:
    return {word for word in _words([query]) if word not in _STOP_WORDS}


def _names(commitment: Commitment) -> list[str]:
    return [commitment.id, commitment.title, *commitment.aliases]


@dataclass(frozen=True, slots=True)
class Found:
    """The pledge meant when that is clear, else the closest ones (possibly none)."""

    commitment: Commitment | None
    closest: tuple[Commitment, ...] = ()


def find_commitment(watchlist: Watchlist, query: str) -> Found:
    wanted = normalize(query)
    if not wanted:
        return Found(None)
    for commitment in watchlist.commitments:
        if any(normalize(name) == wanted for name in _names(commitment)):
            return Found(commitment)
    words = _query_words(query)
    covering = [c for c in watchlist.commitments if words and words <= _covered(words, c)]
    if len(covering) == 1:
        return Found(covering[0])
    return Found(None, closest_commitments(watchlist, query))


def closest_commitments(watchlist: Watchlist, query: str, limit: int = SUGGESTIONS) -> tuple[Commitment, ...]:
    """Best first: how many query words a pledge contains, plus how alike its names look."""
    scored = [(_score(query, c), index, c) for index, c in enumerate(watchlist.commitments)]
    scored = [item for item in scored if item[0] >= _MIN_SUGGESTION_SCORE]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(c for _, _, c in scored[:limit])


def _pledge_words(commitment: Commitment) -> set[str]:
    c = commitment
    return _words([c.id, c.title, c.section, *c.aliases, *c.keywords, *c.tags])


def _covered(words: set[str], commitment: Commitment) -> set[str]:
    """The query words found in the pledge; "railways" finds "railway" (shared prefix of 4+ letters)."""
    own = _pledge_words(commitment)
    return {w for w in words if any(_same_word(w, v) for v in own)}


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter)


def _score(query: str, commitment: Commitment) -> float:
    words = _query_words(query)
    coverage = len(_covered(words, commitment)) / len(words) if words else 0.0
    wanted = normalize(query)
    likeness = max(difflib.SequenceMatcher(None, wanted, normalize(name)).ratio() for name in _names(commitment))
    return coverage + likeness


def _kind_word(query: str) -> str | None:
    """ "position" from `kind:position` (or "kind position"); None when the query is no kind query."""
    first, _, rest = normalize(query).partition(" ")
    return rest if first == "kind" and rest else None


def find_kind(query: str) -> Kind | None:
    """The kind `kind:<kind>` names ("positions" too); None for any other query."""
    word = _kind_word(query)
    return next((kind for kind in Kind if word in (kind.value, f"{kind.value}s")), None)


def unknown_kind(query: str) -> str | None:
    """What to tell someone whose `kind:<word>` names no kind; None when the query is fine."""
    word = _kind_word(query)
    if word is None or find_kind(query) is not None:
        return None
    return f"No kind called “{word}”. Kinds: {', '.join(f'kind:{kind.value}' for kind in Kind)}."


@dataclass(frozen=True, slots=True)
class Target:
    """Something a chat can subscribe to: everything, a tag, a kind of entry, or one pledge."""

    kind: str
    value: str = ""


EVERYTHING = Target(ALL)


def find_target(watchlist: Watchlist, query: str) -> Target | Found:
    """`all`, a tag, `kind:<kind>` or a pledge; a `Found` with suggestions when the query names none of them."""
    wanted = normalize(query)
    if wanted in ("all", "everything"):
        return EVERYTHING
    kind = find_kind(query)
    if kind is not None:
        return Target(KIND, kind.value)
    for tag in watchlist.tags():
        if normalize(tag) == wanted:
            return Target(TAG, tag)
    found = find_commitment(watchlist, query)
    return Target(COMMITMENT, found.commitment.id) if found.commitment else found


def filter_commitments(watchlist: Watchlist, query: str) -> tuple[str, tuple[Commitment, ...]] | None:
    """`/list` narrowing: `kind:<kind>`, a tag, or a section named exactly or in part; None when nothing fits.

    Returns the label to show (the tag or section as written in the watchlist) and the pledges.
    """
    kind = find_kind(query)
    if kind is not None:
        return f"kind:{kind.value}", tuple(c for c in watchlist.commitments if c.kind == kind)
    wanted = normalize(query)
    for tag in watchlist.tags():
        if normalize(tag) == wanted:
            return tag, tuple(c for c in watchlist.commitments if tag in c.tags)
    sections = [s for s in watchlist.sections() if normalize(s) == wanted]
    sections = sections or [s for s in watchlist.sections() if wanted and wanted in normalize(s)]
    if not sections:
        return None
    label = sections[0] if len(sections) == 1 else query
    return label, tuple(c for c in watchlist.commitments if c.section in sections)
