"""The one exception the watchlist package raises, so callers catch a single type."""


class WatchlistError(Exception):
    """A watchlist or communique that cannot be used; the message names the file (and line when known)."""
