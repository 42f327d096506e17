"""News feeds in, stored articles out: fetching (aiohttp), parsing (feedparser), polite scheduling, polling.

fetcher = FeedFetcher(polling.fetch_settings())
report = await poll_round(services, fetcher, now)   # claim due feeds, refresh them, store articles + matches
"""

from feeds.article import Article
from feeds.errors import FeedError, NotAFeed
from feeds.fetch import FeedFetcher, FetchResult
from feeds.links import canonical_link
from feeds.parse import ParsedFeed, parse_feed
from feeds.poller import PollProgress, PollReport, PollServices, poll_round
from feeds.refresh import Refresher, RefreshOutcome, refresh_feed
from feeds.search import search_feeds
from feeds.settings import FeedSettings, FetchSettings, PollingSettings, SearchSettings
from feeds.stories import StoryIndex, title_similarity
from feeds.text import html_to_text

__all__ = [
    "Article",
    "FeedError",
    "FeedFetcher",
    "FeedSettings",
    "FetchResult",
    "FetchSettings",
    "NotAFeed",
    "ParsedFeed",
    "PollProgress",
    "PollReport",
    "PollServices",
    "PollingSettings",
    "RefreshOutcome",
    "Refresher",
    "SearchSettings",
    "StoryIndex",
    "canonical_link",
    "html_to_text",
    "parse_feed",
    "poll_round",
    "refresh_feed",
    "search_feeds",
    "title_similarity",
]
