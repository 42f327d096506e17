from urllib.parse import parse_qs, urlsplit

from feeds.search import search_feeds, search_query
from feeds.settings import DEFAULT_SEARCH_TEMPLATE
from watchlist import Commitment, Watchlist

ML1 = Commitment(
    id="ml-1",
    title="Main Line-1 railway upgrade",
    section="Connectivity",
    quote="q",
    aliases=("ML-1", "Main Line-1", "ML-1"),
)
KHUNJERAB = Commitment(id="khunjerab", title="Reopen the Khunjerab Pass", section="Trade", quote="q")


def test_query_quotes_each_alias_once_and_joins_with_or() -> None:
    assert search_query(ML1) == '"ML-1" OR "Main Line-1"'


def test_the_commitments_own_query_is_used() -> None:
    own = Commitment(id="kcr", title="t", section="s", quote="q", aliases=("KCR",), search="KCR (Karachi OR Sindh)")
    assert search_query(own) == "KCR (Karachi OR Sindh)"


def test_title_words_stand_in_for_missing_aliases_unquoted() -> None:
    """An exact title is a phrase no outlet writes; its words are a query that can find something."""
    assert search_query(KHUNJERAB) == "Reopen the Khunjerab Pass"


def test_one_search_feed_per_commitment_named_after_it() -> None:
    feeds = search_feeds(Watchlist(commitments=(ML1, KHUNJERAB)), DEFAULT_SEARCH_TEMPLATE)
    assert [feed.name for feed in feeds] == ["search: ml-1", "search: khunjerab"]


def test_query_is_url_encoded_into_the_template() -> None:
    (feed,) = search_feeds(Watchlist(commitments=(ML1,)), DEFAULT_SEARCH_TEMPLATE)
    query = parse_qs(urlsplit(feed.url).query)
    assert query["q"] == ['"ML-1" OR "Main Line-1"']
    assert query["gl"] == ["PK"]
