"""pledgewatch's Prometheus metrics: every name defined here, once, and updated from the jobs' reports.

Each `Metrics` has a registry of its own rather than prometheus-client's global one, so an app in a
test, or two in one process, never count into each other. Counters grow from the poll and dispatch
reports the jobs already produce; the outbox age is read from the database when `/metrics` is
scraped, since it is a fact about the database, not about what this process did.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder

from bot.alerts.dispatcher import DispatchReport
from feeds import PollReport

PREFIX = "pledgewatch_"


class FeedErrorKind(StrEnum):
    """What went wrong with a feed, coarse enough for a dashboard: one label value each."""

    HTTP_4XX = "http_4xx"  # the server refused (404, 403, 429 …)
    HTTP_5XX = "http_5xx"  # the server failed (500, 503 …)
    TIMEOUT = "timeout"
    NETWORK = "network"  # no connection, DNS, TLS, a broken redirect chain
    TOO_LARGE = "too_large"  # the body passed [polling] max_bytes
    NOT_A_FEED = "not_a_feed"  # fetched fine, but not RSS/Atom (or the parser gave up)
    STORAGE = "storage"  # the database refused the feed's articles
    GONE = "gone"  # HTTP 410: the feed is disabled
    OTHER = "other"


# The feed's error messages as feeds/fetch.py, feeds/parse.py and feeds/refresh.py word them; the first
# rule that matches names the kind. tests/web/test_metrics.py provokes each kind from a real server, so a
# rewording there fails a test here rather than turning a dashboard's errors into "other".
_ERROR_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], FeedErrorKind]], ...] = (
    (re.compile(r"^HTTP ([45])\d\d\b"), lambda m: FeedErrorKind.HTTP_4XX if m[1] == "4" else FeedErrorKind.HTTP_5XX),
    (re.compile(r"^timed out\b"), lambda _: FeedErrorKind.TIMEOUT),
    (re.compile(r"^body larger than\b"), lambda _: FeedErrorKind.TOO_LARGE),
    (re.compile(r": (?:not a feed|parser failed):"), lambda _: FeedErrorKind.NOT_A_FEED),
    (re.compile(r": storing failed:"), lambda _: FeedErrorKind.STORAGE),
    (
        re.compile(r"^(?:cannot connect|network error|request failed|cannot decode|not an http|too many redirects)\b"),
        lambda _: FeedErrorKind.NETWORK,
    ),
    (re.compile(r"\bredirect from\b"), lambda _: FeedErrorKind.NETWORK),
)


def feed_error_kind(message: str) -> FeedErrorKind:
    """The kind of a feed error, from the one-line message the feed row stores."""
    for pattern, kind in _ERROR_RULES:
        found = pattern.search(message)
        if found:
            return kind(found)
    return FeedErrorKind.OTHER


class Metrics:
    """The metric definitions (names prefixed `pledgewatch_`) and how each report moves them."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry

        def counter(name: str, documentation: str, labels: Iterable[str] = ()) -> Counter:
            return Counter(PREFIX + name, documentation, labelnames=tuple(labels), registry=registry)

        self.feeds_checked = counter("feeds_checked", "Feed refreshes attempted (one per feed per poll round).")
        self.feeds_not_modified = counter("feeds_not_modified", "Feed refreshes answered 'not modified' (304/ETag).")
        self.feed_errors = counter("feed_errors", "Feed refreshes that failed, by kind of failure.", ["kind"])
        for kind in FeedErrorKind:
            self.feed_errors.labels(kind.value)  # every kind shows, at 0, before its first error
        self.articles_stored = counter("articles_stored", "New articles stored.")
        self.matches = counter("matches", "Article-to-pledge matches stored.")
        self.alerts_queued = counter("alerts_queued", "Alerts queued in the outbox (one per chat and story).")
        self.alerts_sent = counter("alerts_sent", "Alerts delivered (immediately or in a digest).")
        self.messages_sent = counter("messages_sent", "Messages sent: alert parts, notices and digests.")
        self.sends_retried = counter(
            "sends_retried", "Sends that failed for a passing reason (network, Telegram down) and wait for a retry."
        )
        self.sends_failed = counter("sends_failed", "Outbox messages given up on: Telegram refused them.")
        self.flood_waits = counter("flood_waits", "Times Telegram asked to slow down (HTTP 429 Retry-After).")
        self.outbox_oldest_pending_age = Gauge(
            PREFIX + "outbox_oldest_pending_age_seconds",
            "Age of the oldest alert waiting to be sent now (active chats, not muted, not in digest mode); "
            "0 when none waits. Read from the database at each scrape.",
            registry=registry,
        )
        self.alert_latency = Histogram(
            PREFIX + "alert_dispatch_latency_seconds",
            "From an alert being queued to Telegram accepting it (immediate alerts; a mute's wait included).",
            buckets=(0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600),
            registry=registry,
        )
        self.poll_round_duration = Histogram(
            PREFIX + "poll_round_duration_seconds",
            "Wall time of one poll round: claiming the due feeds, fetching, parsing, matching, storing.",
            buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600),
            registry=registry,
        )

    def record_poll(self, report: PollReport, seconds: float) -> None:
        self.feeds_checked.inc(report.checked)
        self.feeds_not_modified.inc(report.not_modified)
        for _name, _url, error in report.errors:
            self.feed_errors.labels(feed_error_kind(error).value).inc()
        if report.gone:
            self.feed_errors.labels(FeedErrorKind.GONE.value).inc(len(report.gone))
        self.articles_stored.inc(report.new_articles)
        self.matches.inc(report.matches)
        self.alerts_queued.inc(report.alerts_queued)
        self.poll_round_duration.observe(seconds)

    def record_dispatch(self, report: DispatchReport) -> None:
        self.alerts_sent.inc(report.deliveries_sent)
        self.messages_sent.inc(report.messages_sent)
        self.sends_retried.inc(report.retried)
        self.sends_failed.inc(report.failed)
        self.flood_waits.inc(report.flood_waits)
        for seconds in report.alert_latencies:
            self.alert_latency.observe(seconds)

    def set_outbox_age(self, seconds: float) -> None:
        self.outbox_oldest_pending_age.set(max(0.0, seconds))

    def exposition(self, accept: str) -> tuple[bytes, str]:
        """The registry in the format the scraper asked for (Prometheus text, or OpenMetrics), and its type."""
        encoder, content_type = choose_encoder(accept)
        return encoder(self.registry), content_type
