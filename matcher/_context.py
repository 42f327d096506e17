"""Who a communique is between, derived from the watchlist itself: its parties and what implies them.

News about "railway" track is about ML-1 only when it is about the parties that made the pledge.
The parties are the countries or organisations of the place book (`_places`) that the source
title names ("Pakistan–China joint communique"), or without a usable title the two most named in
the quotes. A name whose long form names every party ("China-Pakistan Economic Corridor" for
"CPEC") implies them all: an article naming CPEC is Pakistan–China news.

A place a commitment itself names (Afghanistan in "CPEC's extension to Afghanistan") is part of
its subject, not another party, for that commitment.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchlist import Commitment, Place, Watchlist, find_parties, places_named


@dataclass(frozen=True, slots=True)
class Context:
    parties: tuple[Place, ...]
    joint_names: frozenset[str]
    """Aliases that imply every party (as written in the watchlist)."""
    subjects: tuple[frozenset[str], ...]
    """Per commitment, in watchlist order: the place keys it names itself."""


def derive_context(watchlist: Watchlist) -> Context:
    title = watchlist.source.title if watchlist.source else ""
    parties = find_parties(title, (c.quote for c in watchlist.commitments))
    party_keys = {place.key for place in parties}
    joint: set[str] = set()
    for commitment in watchlist.commitments:
        if len(party_keys) > 1 and any(party_keys <= set(places_named(alias)) for alias in commitment.aliases):
            joint.update(commitment.aliases)
    subjects = tuple(frozenset(places_named(_own_text(c))) - party_keys for c in watchlist.commitments)
    return Context(parties, frozenset(joint), subjects)


def _own_text(commitment: Commitment) -> str:
    return " \n ".join((commitment.quote, commitment.title, *commitment.aliases, *commitment.keywords))
