"""News-search feeds derived from the watchlist: one per pledge, so news about it is found in any outlet."""

from __future__ import annotations

from urllib.parse import quote_plus

from feeds.settings import FeedSettings
from watchlist import Commitment, Watchlist

SEARCH_FEED_PREFIX = "search: "


def search_query(commitment: Commitment) -> str:
    """The commitment's own `search` query; for a hand-written entry without one, its names OR-joined,
    or its title's words unquoted (an exact title finds nothing: no outlet writes it word for word)."""
    if commitment.search:
        return commitment.search
    phrases = [alias.replace('"', " ").strip() for alias in commitment.aliases]
    phrases = list(dict.fromkeys(phrase for phrase in phrases if phrase))
    if phrases:
        return " OR ".join(phrase if phrase.isalpha() else f'"{phrase}"' for phrase in phrases)
    return commitment.title.replace('"', " ").strip()


def search_feeds(watchlist: Watchlist, template: str) -> list[FeedSettings]:
    """One feed per commitment; ``template`` contains ``{query}``, replaced by the URL-encoded query."""
    return [
        FeedSettings(
            name=f"{SEARCH_FEED_PREFIX}{commitment.id}",
            url=template.replace("{query}", quote_plus(search_query(commitment))),
        )
        for commitment in watchlist.commitments
    ]
