"""One exception hierarchy for feeds, so callers catch ``FeedError`` and store its message on the feed row."""


class FeedError(Exception):
    """A feed could not be turned into articles; the message is shown to admins as the feed's last error."""


class NotAFeed(FeedError):
    """The response was fetched fine but is not RSS/Atom (an HTML page, an empty body, garbage)."""
