"""The place book (`watchlist.place_book`) as automaton keys, matched as written."""

from __future__ import annotations

from functools import cache

from matcher._terms import case_kept_key
from watchlist import Place, place_book


@cache
def place_keys() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    """Each place with the keys of all its names (forms and cities)."""
    return tuple((place, tuple(dict.fromkeys(case_kept_key(n) for n in place.names))) for place in place_book())
