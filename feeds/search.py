"""News-search feeds derived from the watchlist: one per pledge, so news about it is found in any outlet."""

from __future__ import annotations

from urllib.parse import quote_plus

from feeds.settings import FeedSettings
from watchlist import Commitment, Watchlist

SEARCH_FEED_PREFIX = "search: "


def search_query(commitment: Commitment) -> str:
    """The pledge's aliases, each quoted as a phrase, OR-joined; the title stands in when there are none."""
    phrases = [alias.replace('"', " ").strip() for alias in commitment.aliases]
    phrases = list(dict.fromkeys(phrase for phrase in phrases if phrase)) or [commitment.title.strip()]
    return " OR ".join(f'"{phrase}"' for phrase in phrases)


def search_feeds(watchlist: Watchlist, template: str) -> list[FeedSettings]:
    """One feed per commitment; ``template`` contains ``{query}``, replaced by the URL-encoded query."""
    return [
        FeedSettings(
            name=f"{SEARCH_FEED_PREFIX}{commitment.id}",
            url=template.replace("{query}", quote_plus(search_query(commitment))),
        )
        for commitment in watchlist.commitments
    ]
